#include <launchdarkly/server_side/client.hpp>

bool f(launchdarkly::server_side::Client& client, bool x) {
  bool d = false;
  if (x) d = true;
  return client.BoolVariation(ctx, "cpp-flag", d); // want key="cpp-flag" dynamic
}
