// Two modules export SHARED_KEY with different values: importing it is ambiguous.
export * from './one';
export * from './two';
