export const DUP = 'ts-two';
