class Worker
  include FeatureFlags

  def perform
    limit = concurrency_limit(default: 5) # want key="concurrency-limit" fallback=5
    beta = ld_variation(key: "beta-worker", default: true) # want key="beta-worker" fallback=true
    [limit, beta]
  end
end
