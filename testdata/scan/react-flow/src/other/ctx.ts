// A context whose flags are not the flags object.
type Ctx = { flags: string[] };

export function count(context: Ctx) {
  return context.flags.length + context.flags.indexOf('x');
}
