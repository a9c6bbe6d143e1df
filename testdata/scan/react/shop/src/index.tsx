import React from 'react';
import { render } from 'react-dom';
import { withLDProvider } from 'launchdarkly-react-client-sdk';
import { shopFlagDefaults } from './ldDefaults';
import { Checkout } from './components/Checkout';

const Root = () => <Checkout />;

const App = withLDProvider({
  clientSideID: 'client-side-id-of-the-shop',
  flags: shopFlagDefaults,
  reactOptions: { useCamelCaseFlagKeys: true },
})(Root);

render(<App />, document.getElementById('root'));
