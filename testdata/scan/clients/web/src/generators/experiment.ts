// The client is handed over as a parameter: this module never imports the SDK.
export async function runExperiment({ client }: { client: any }) {
  const suggested: boolean = client?.variation('cart-suggested-items', false) // want key="cart-suggested-items" fallback=false
  const callout: string = client?.variation('store-callout', 'New Items') // want key="store-callout" fallback="New Items"
  // A map named like nothing the tree builds: not a flag.
  const cache = new Map()
  return [suggested, callout, cache.get('x')]
}
