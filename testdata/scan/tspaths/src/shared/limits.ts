export const LIMITS = {
  pageSize: { flag: 'page-size', max: 50 },
};
export const PAGE_SIZE_DEFAULT = 25;
