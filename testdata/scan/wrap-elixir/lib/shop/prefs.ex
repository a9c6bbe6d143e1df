defmodule Shop.Prefs do
  def on?(key, settings, default \\ false), do: Map.get(settings, key, default)
end
