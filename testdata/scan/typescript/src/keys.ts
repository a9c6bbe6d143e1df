export const KEYS = {
  search: 'search-v2',
} as const;
