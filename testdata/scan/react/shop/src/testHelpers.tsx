import React from 'react';
import { LDProvider } from 'launchdarkly-react-client-sdk';

// A test's provider with mocked flags: it configures the tests, not the application.
export const wrapWithFlags = (ui: React.ReactNode) => (
  <LDProvider clientSideID="test" flags={{
    'new-checkout': false, // want key="new-checkout" fallback=false method=LDProvider.flags
  }}>
    {ui}
  </LDProvider>
);
