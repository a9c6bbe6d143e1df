export const KEYS = {
  WEEK_PICKER: 'date-and-week',
} as const
