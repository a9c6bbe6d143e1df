defmodule Shop.Checkout do
  @moduledoc "Checkout flow, gated by feature flags."

  alias OpenFeature.Client

  @new_checkout "new-checkout"
  @default_tier "free"

  def run(user, of_client) do
    context = :ldclient_context.new(user.id)
    enabled = :ldclient.variation(@new_checkout, context, false) # want key="new-checkout" fallback=false type=bool
    tier = :ldclient.variation("pricing-v2", context, @default_tier, :eu_instance) # want key="pricing-v2" fallback="free" type=string
    limits =
      :ldclient.variation_detail( # want key="rate-limits" fallback={"rpm":60,"burst":[1,2.5]} type=json
        "rate-limits",
        context,
        %{"rpm" => 60, "burst" => [1, 2.5]}
      )
    retries = :ldclient.variation("retries", context, -1) # want key="retries" fallback=-1 type=number
    dyn = :ldclient.variation("exp-#{user.id}", context, user.default) # want key=null dynamic
    # :ldclient.variation("commented-out", context, true)
    s = ":ldclient.variation(\"in-a-string\", context, true)"

    dark = Client.get_boolean_value(of_client, "dark-mode", true) # want key="dark-mode" fallback=true type=bool
    theme =
      of_client
      |> Client.get_string_value("theme", "light", context: %{targeting_key: user.id}) # want key="theme" fallback="light" type=string
    max = of_client |> Client.get_number_value("max-items", 10) # want key="max-items" fallback=10 type=number

    {enabled, tier, limits, retries, dyn, s, dark, theme, max}
  end
end
