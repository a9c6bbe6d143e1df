class StoreContentsJob
  def perform(owner)
    store if ld_variation(key: "gemcutter.store-contents", default: false) # want key="gemcutter.store-contents" fallback=false
    mirror if FlagClient.client.variation("mirror-uploads", owner.ld_context, true) # want key="mirror-uploads" fallback=true
    # Another object's variation (a product catalogue): not the client.
    Catalog.variation("blue", owner, nil)
    Rails.configuration.cache_client.variation("k", owner, false)
  end

  def ld_variation(key:, default:)
    Rails.configuration.launch_darkly_client.variation(key, owner.ld_context, default) # want key=null dynamic
  end
end
