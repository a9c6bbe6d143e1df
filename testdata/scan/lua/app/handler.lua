local ld = require("launchdarkly_server_sdk")

local NEW_CHECKOUT = "new-checkout"
local DEFAULT_TIER = "free"
local Flags = { limits = "rate-limits" }

local client = ld.clientInit(os.getenv("LD_SDK_KEY"), 1000, {})

local function handle(user_id)
    local context = ld.makeContext({ user = { key = user_id } })
    local enabled = client:boolVariation(context, NEW_CHECKOUT, false) -- want key="new-checkout" fallback=false type=bool
    local tier = client:stringVariation(context, PRICING_KEY, DEFAULT_TIER) -- want key="pricing-v2" fallback="free" type=string
    local limits = client:jsonVariationDetail( -- want key="rate-limits" fallback={"rpm":60,"burst":true} type=json
        context,
        Flags.limits,
        { rpm = 60, burst = true }
    )
    local ratio = client:doubleVariation(context, "ratio", -0.5) -- want key="ratio" fallback=-0.5 type=number
    local items = client:intVariation(context, "max-items", 10) -- want key="max-items" fallback=10 type=number
    local dyn = client:boolVariation(context, "exp-" .. user_id, user_default) -- want key=null dynamic
    -- client:boolVariation(context, "commented-out", true)
    local s = "client:boolVariation(context, 'in-a-string', true)"
    return enabled, tier, limits, ratio, items, dyn, s
end

return handle
