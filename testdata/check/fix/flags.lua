local ld = require("launchdarkly_server_sdk")

local function checkout(client, context)
    return client:boolVariation(context, "checkout-api", true)
end

local function banner(client, context)
    return client:stringVariation(context, "banner-text", 'Hello')
end

return { checkout = checkout, banner = banner }
