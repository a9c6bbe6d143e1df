require "ldclient-rb"

class Order
  def initialize(client)
    @client = client
  end

  def checkout?(context)
    @client.variation("checkout-api", context, true)
  end

  def banner(context)
    @client.variation('banner-text', context, 'Hello')
  end
end
