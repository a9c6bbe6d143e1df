defmodule Shop.Flags do
  def checkout?(context) do
    :ldclient.variation("checkout-api", context, true)
  end

  def banner(context) do
    :ldclient.variation("banner-text", context, "Hello")
  end
end
