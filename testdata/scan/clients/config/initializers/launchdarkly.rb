# The client is built once, at boot; the files that use it never name the SDK.
Rails.application.configure do
  config.launch_darkly_client = LaunchDarkly::LDClient.new(ENV.fetch("LD_SDK_KEY", ""))
end
