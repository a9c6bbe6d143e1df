#include <launchdarkly/server_side/client.hpp>
#include "feature_flags.hpp"

std::string FeatureFlags::Text(const std::string& key, const std::string& fallback) {
  auto k = key;
  return client_.StringVariation(ctx_, k, fallback);  // want key=null dynamic
}
