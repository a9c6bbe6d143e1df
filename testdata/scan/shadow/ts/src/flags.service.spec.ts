import { FlagsService } from './flags.service';

const flagKey = 'test-flag';
const key = 'spec-key';
const flagName = 'spec-flag';

describe('FlagsService', () => {
  it('reads', () => {
    expect(new FlagsService()).toBeTruthy();
  });
});
