// A sibling test file declaring a constant with the wrapper parameter's name:
// the wrapper's SDK call must not take it for its key.
const flag = 'wrong-key';
const fallback = 'wrong-fallback';

describe('LaunchDarklyService', () => {
  it('reads a flag', () => {
    expect(flag).toBe('wrong-key');
    expect(fallback).toBe('wrong-fallback');
  });
});
