import * as React from 'react';

export const Panel = ({ flags }: { flags: Record<string, boolean> }) => (flags.grbTab ? 'on' : 'off'); // want key="grb-tab"
