# Flag keys shared by the checkout services.
module FlagKeys
  PRICING = "pricing-v2".freeze
  LIMITS = "rate-limits"
end
