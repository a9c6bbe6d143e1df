local P = {}

function P.is_on(ctx, key, default)
  return ctx.settings[key] or default
end

return P
