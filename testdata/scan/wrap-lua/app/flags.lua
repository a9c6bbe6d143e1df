-- The application's own wrapper module around the SDK.
-- Lua has no declared defaults (`default = default or false` is code, not a
-- declaration): a call omitting the fallback has a dynamic fallback.
local ld = require("launchdarkly_server_sdk")
-- Key constants: a table of this file (a field of another module's table,
-- `require("app.keys").PRICING`, is not resolved across files).
local Keys = { PRICING = "pricing-v2" }

local M = {}

local client = ld.clientInit(config, 1000)

function M.is_on(ctx, key, default)
  return client:boolVariation(ctx, key, default) -- want key=null dynamic
end

-- The fallback fixed inside.
function M.enabled(ctx, flag)
  local k = flag
  return client:boolVariation(ctx, k, false) -- want key=null fallback=false
end

-- A wrapper of the wrapper, through the module table.
function M.beta(ctx, name)
  return M.is_on(ctx, name, true)
end

-- The key fixed inside, the fallback passed by the caller.
local function dark_mode(ctx, default)
  return client:boolVariation(ctx, "dark-mode", default) -- want key="dark-mode" dynamic
end
M.dark_mode = dark_mode

function M.checkout(ctx)
  return dark_mode(ctx, true) -- want key="dark-mode" fallback=true
end

function M.pricing(ctx)
  return M.is_on(ctx, Keys.PRICING, false) -- want key="pricing-v2" fallback=false
end

-- A method (implicit self); the SDK call's first argument spans several nodes.
function M:variant(key, default)
  return self.client:stringVariation(self.ctx, key, default) -- want key=null dynamic
end

return M
