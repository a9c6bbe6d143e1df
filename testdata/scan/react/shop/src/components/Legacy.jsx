import React from 'react';
import { withLDConsumer } from 'launchdarkly-react-client-sdk';

class Banner extends React.Component {
  render() {
    const { flags } = this.props;
    const dark = this.props.flags.darkMode; // want key="dark_mode" fallback=false method=withLDConsumer
    return flags.bannerText + dark; // want key="banner-text" fallback="Welcome" method=withLDConsumer
  }
}
export const ConsumedBanner = withLDConsumer()(Banner);

function Cart(props) {
  return props.flags.maxItems; // want key="max-items" fallback=10 method=withLDConsumer
}
export const ConsumedCart = withLDConsumer()(Cart);

export const Inline = withLDConsumer()(({ flags: { newCheckout = false } }) => newCheckout); // want key="new-checkout" fallback=false

// clientOnly: the component gets the client, no flags.
function ClientOnly(props) {
  return props.flags.newCheckout;
}
export const ConsumedClientOnly = withLDConsumer({ clientOnly: true })(ClientOnly);

// Not wrapped: its props are not the SDK's.
export function Plain(props) {
  return props.flags.newCheckout;
}
