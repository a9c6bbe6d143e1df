export const SHARED_KEY = 'js-two';
