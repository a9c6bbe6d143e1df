// a.js and b.js re-export each other.
export * from './b';
export const CYCLE_A = 'js-cycle-a';
