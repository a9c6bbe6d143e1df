defmodule Shop.Checkout do
  alias Shop.Flags
  alias Shop.Prefs

  @pricing "pricing-v2"

  # Declarations that spell the wrapper's head: not calls.
  defdelegate on?(key, context), to: Shop.Flags
  @spec run(map()) :: tuple()
  def run(user) do
    context = :ldclient_context.new(user.id)
    a = Flags.on?(@pricing, context, true) # want key="pricing-v2" fallback=true type=bool
    b = Flags.on?("new-onboarding", context) # want key="new-onboarding" fallback=false
    c = Flags.enabled?("search-v2", context) # want key="search-v2" fallback=false
    d = Flags.beta?("beta-search", context) # want key="beta-search" fallback=true
    # An unrelated module with a function of the same name: not a flag.
    e = Prefs.on?("sound", context, true)
    f = Flags.tier(user, {1, 2}, "pricing-tier", context) # want key="pricing-tier" fallback="free" type=string
    {a, b, c, d, e, f}
  end
end
