import { init } from '@launchdarkly/node-server-sdk';
import { anything, instance, mock, verify, when } from 'ts-mockito';

const ldClient = init('sdk-key');

describe('flags', () => {
  it('stubs the client', async () => {
    const mocked = mock<typeof ldClient>();
    when(mocked.variation('new-checkout', anything(), false)).thenResolve(true);
    verify(mocked.variation('new-checkout', anything(), false)).once();
    const fake = { variation: jest.fn() };
    fake.variation.mockImplementation(() => ldClient.variation('banner-text', {}, 'off'));
    const spy = jest.fn().mockResolvedValue(ldClient.variation('dark-mode', {}, false));
    const on = await ldClient.variation('new-checkout', { key: 'u' }, true); // want key="new-checkout" fallback=true
  });
});
