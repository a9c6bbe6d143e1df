// The directory's module: re-exports flags.js whole and one name of search.js under another name.
export * from './flags';
export { SEARCH as SEARCH_KEY } from './search';
