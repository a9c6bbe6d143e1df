defmodule Shop.Decoy do
  # Decoy: another library with same-named functions.
  def run(ctx) do
    :other_flags.variation("not-launchdarkly", ctx, false)
    FunWithFlags.get_boolean_value(ctx, "not-openfeature", true)
  end
end
