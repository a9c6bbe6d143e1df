export * from './a';
export const CYCLE_B = 'js-cycle-b';
