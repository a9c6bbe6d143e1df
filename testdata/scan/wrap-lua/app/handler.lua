local flags = require("app.flags")
local prefs = require("app.prefs")

local function handle(ctx)
  local a = flags.is_on(ctx, "new-checkout", false) -- want key="new-checkout" fallback=false type=bool
  local b = flags.is_on(ctx, "new-onboarding") -- want key="new-onboarding" dynamic type=bool
  local c = flags.enabled(ctx, "search-v2") -- want key="search-v2" fallback=false type=bool
  local d = flags.beta(ctx, "beta-search") -- want key="beta-search" fallback=true type=bool
  local e = flags.dark_mode(ctx, false) -- want key="dark-mode" fallback=false type=bool
  -- An unrelated module with a function of the same name: not a flag.
  local f = prefs.is_on(ctx, "sound", true)
  local g = flags:variant("theme", "light") -- want key="theme" fallback="light" type=string
  return a, b, c, d, e, f, g
end

return handle
