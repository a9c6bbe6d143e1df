#include <launchdarkly/client_side/client.hpp>

bool Mobile(launchdarkly::client_side::Client& client) {
  auto banner = client.StringVariation("banner", "hello");  // want key="banner" fallback="hello" type=string
  return client.BoolVariation("mobile-dark", false);  // want key="mobile-dark" fallback=false type=bool
}
