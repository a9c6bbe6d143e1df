module FlagClient
  def self.client
    @client ||= LaunchDarkly::LDClient.new(ENV["LD_SDK_KEY"])
  end
end
