-- Decoy: another vendor's flag client with the same method names.
local ff = require("flagsmith")
local c = ff.new()
local v = c:boolVariation(ctx, "not-launchdarkly", false)
