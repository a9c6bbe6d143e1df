# frozen_string_literal: true

require "open_feature/sdk"

# Ruby 3.1 keyword shorthand: `default:` alone passes the local named default.
class Limits
  def initialize(client)
    @client = client
  end

  def concurrency(default: 4)
    ld_variation(key: "concurrency-limit", default:) # want key="concurrency-limit" dynamic
  end

  def beta?(flag_key)
    default_value = false
    @client.fetch_boolean_value(flag_key: "beta-ui", default_value:) # want key="beta-ui" fallback=false
    @client.fetch_boolean_value(flag_key:, default_value: true) # want key=null keyExpr=flag_key fallback=true
  end

  def fixed
    ld_variation(key: "fixed-limit", default: 10) # want key="fixed-limit" fallback=10
  end
end
