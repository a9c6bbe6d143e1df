export const SHARED_KEY = 'js-one';
