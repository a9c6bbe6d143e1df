import * as React from 'react';

import { withFlags } from 'src/containers/withFlags';

import type { WithFlagsProps } from 'src/containers/withFlags';

interface Props {
  title: string;
}

type CombinedProps = Props & WithFlagsProps;

class Landing extends React.Component<CombinedProps> {
  render() {
    const { flags } = this.props;
    return this.props.flags.vmMaintenance ? this.props.title : flags.betaBanner; // want key="vm-maintenance" want key="beta-banner"
  }
}

export const Plain = (props: Props & { flags: string[] }) => props.flags.length;

export default withFlags(Landing);
