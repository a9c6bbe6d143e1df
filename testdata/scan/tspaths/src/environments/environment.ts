export const environment = {
  bannerFlag: 'promo-banner',
};
