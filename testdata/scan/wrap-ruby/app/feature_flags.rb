require "launchdarkly-server-sdk"

# Flag helpers mixed into the application's services.
module FeatureFlags
  LD_CLIENT = LaunchDarkly::LDClient.new(ENV["LD_SDK_KEY"])

  def ld_variation(key:, default:, context: nil)
    LD_CLIENT.variation(key, context, default) # want key=null dynamic
  end

  # The reverse shape: the key is fixed here, the caller passes the default (keyword shorthand).
  def concurrency_limit(default:)
    ld_variation(key: "concurrency-limit", default:) # want key="concurrency-limit" dynamic
  end

  def new_checkout?
    ld_variation(key: "new-checkout", default: false) # want key="new-checkout" fallback=false
  end
end
