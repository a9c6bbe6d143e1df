// A command line's flags: an array, never the flags object.
export function parse(flags: string[]) {
  return flags.includes('--verbose') && flags.length;
}

export const run = () => parse(process.argv);
