export const DUP = 'ts-one';
