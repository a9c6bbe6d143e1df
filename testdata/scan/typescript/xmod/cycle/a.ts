import { B_KEY } from './b';
export const A_KEY = B_KEY;
export const LOOP = B_LOOP;
