import { LOOP } from './a';
export const B_KEY = 'ts-cycle';
export const B_LOOP = LOOP;
