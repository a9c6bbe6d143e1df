require "ldclient-rb"

class Cycles
  def initialize(client)
    @client = client
  end

  # Stale: cycle-a is in a prerequisite cycle; the SDK serves the code default, the safe value is false.
  def cycle_a(context)
    @client.variation("cycle-a", context, true)
  end
end
