# Decoy: another vendor's Ruby SDK with same-named methods.
require "ff/ruby/server/sdk/api/cf_client"

client = CfClient.instance
client.variation("not-launchdarkly", target, false)
client.bool_variation("not-launchdarkly", target, false)
client.fetch_boolean_value(flag_key: "not-openfeature", default_value: true)
