// Flag keys in a frozen object, and in a TypeScript-style const object.
export const FLAGS = Object.freeze({
  SLIDE_SHOW: 'slide-show',
  PREV_NEXT: 'prev-next-bookable',
})
