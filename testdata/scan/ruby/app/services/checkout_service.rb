require "ldclient-rb"
require "open_feature/sdk"

class CheckoutService
  NEW_CHECKOUT = "new-checkout"
  DEFAULT_TIER = "free"

  def initialize(client, of_client)
    @client = client
    @of = of_client
  end

  def call(user)
    context = LaunchDarkly::LDContext.create({ key: user.id, kind: "user" })
    enabled = @client.variation(NEW_CHECKOUT, context, false) # want key="new-checkout" fallback=false type=bool
    tier = @client.variation(FlagKeys::PRICING, context, DEFAULT_TIER) # want key="pricing-v2" fallback="free" type=string
    limits = @client.variation_detail( # want key="rate-limits" fallback={"rpm":60,"burst":[1,2.5],"note":null} type=json
      FlagKeys::LIMITS,
      context,
      { "rpm" => 60, burst: [1, 2.5], note: nil }
    )
    banner = @client.variation "banner-text", context, 'Welcome' # want key="banner-text" fallback="Welcome" type=string
    retries = @client.variation("retries", context, -1) # want key="retries" fallback=-1 type=number
    dyn = @client.variation("exp-#{user.id}", context, user.default) # want key=null dynamic
    # @client.variation("commented-out", context, true)
    msg = "@client.variation('in-a-string', context, true)"
    of_dark = @of.fetch_boolean_value(flag_key: "dark-mode", default_value: true) # want key="dark-mode" fallback=true type=bool
    of_theme = @of.fetch_string_details( # want key="theme" fallback="light" type=string
      default_value: "light",
      flag_key: "theme",
      evaluation_context: OpenFeature::SDK::EvaluationContext.new(targeting_key: user.id)
    )
    of_max = @of.fetch_integer_value(flag_key: "max-items", default_value: 10) # want key="max-items" fallback=10 type=number
    of_cfg = @of.fetch_object_value(flag_key: FlagKeys::LIMITS, default_value: { "a" => [true] }) # want key="rate-limits" fallback={"a":[true]} type=json
    [enabled, tier, limits, banner, retries, dyn, msg, of_dark, of_theme, of_max, of_cfg]
  end
end
