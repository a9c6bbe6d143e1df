module FeatureFlags
  NEW_CHECKOUT = "rb-new-checkout"
  CHECKOUT_DEFAULT = false
end
