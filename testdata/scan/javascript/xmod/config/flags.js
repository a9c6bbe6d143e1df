// Flag keys shared by the whole app: imported from other directories.
export const FLAGS = {
  newCheckout: 'js-new-checkout',
  darkMode: 'js-dark-mode',
};

export const DEFAULTS = {
  darkMode: false,
};

export const RETIRED = computeRetired();
