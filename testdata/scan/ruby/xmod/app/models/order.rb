require "ldclient-rb"

class Order
  def flags(client, ctx)
    client.variation(FeatureFlags::NEW_CHECKOUT, ctx, FeatureFlags::CHECKOUT_DEFAULT) # want key="rb-new-checkout" fallback=false fallbackFile=xmod/config/initializers/feature_flags.rb
    client.variation(Registry::BANNER, ctx, "hi") # want key="rb-banner" fallback="hi"
    client.variation(Unknown::KEY, ctx, true) # want key=null keyExpr=Unknown::KEY
  end
end
