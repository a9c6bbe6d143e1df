-- Flag keys shared by the handlers.
local PRICING_KEY = "pricing-v2"

return { pricing = PRICING_KEY }
