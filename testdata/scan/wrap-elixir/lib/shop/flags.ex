defmodule Shop.Flags do
  @moduledoc "The application's own wrapper around the LaunchDarkly Erlang SDK."

  @new_checkout "new-checkout"

  @spec on?(String.t(), map(), boolean()) :: boolean()
  def on?(key, context, default \\ false) when is_binary(key) do
    :ldclient.variation(key, context, default) # want key=null dynamic
  end

  # The fallback fixed inside.
  def enabled?(flag, context) do
    k = flag
    :ldclient.variation(k, context, false) # want key=null fallback=false
  end

  # A wrapper of the wrapper, called without the module.
  def beta?(name, context), do: on?(name, context, true)

  # The key fixed inside, the fallback passed by the caller.
  defp dark_mode(context, default) do
    :ldclient.variation("dark-mode", context, default) # want key="dark-mode" dynamic
  end

  def dark?(context), do: dark_mode(context, true) # want key="dark-mode" fallback=true

  # Pattern parameters still take their positions.
  def tier(%{}, {_a, _b}, key, context), do: :ldclient.variation(key, context, "free") # want key=null fallback="free"

  def checkout?(context), do: __MODULE__.on?(@new_checkout, context, true) # want key="new-checkout" fallback=true
end
