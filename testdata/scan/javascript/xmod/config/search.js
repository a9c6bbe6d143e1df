export const SEARCH = 'js-search';
