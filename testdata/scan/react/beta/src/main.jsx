import React from 'react';
import { LDProvider } from 'launchdarkly-react-client-sdk';
import { Page } from './Page';

export const Main = () => (
  <LDProvider clientSideID="beta-client-id" options={{ bootstrap: { 'show-beta': true, $flagsState: {} } }}>
    <Page />
  </LDProvider>
);
