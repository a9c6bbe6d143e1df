#pragma once
#include <string>
#include <launchdarkly/server_side/client.hpp>

namespace flags {
constexpr char kNewCheckout[] = "new-checkout";
}

// The application's own wrapper around the server SDK.
class FeatureFlags {
 public:
  // Defined in the class, with a default argument.
  bool IsOn(const std::string& key, bool fallback = false) {
    return client_.BoolVariation(ctx_, key, fallback);  // want key=null dynamic
  }

  // Declared here with a default, defined in feature_flags.cpp: the default
  // on the declaration is not read (a call omitting it is dynamic).
  std::string Text(const std::string& key, const std::string& fallback = "none");

  // The key fixed inside, the fallback passed by the caller.
  bool DarkMode(bool fallback) {
    return client_.BoolVariation(ctx_, "dark-mode", fallback);  // want key="dark-mode" dynamic
  }

  // A wrapper of the wrapper: key forwarded, fallback fixed.
  bool Beta(const std::string& name) { return this->IsOn(name, true); }

  bool Checkout() { return IsOn(flags::kNewCheckout, true); }  // want key="new-checkout" fallback=true

 private:
  launchdarkly::server_side::Client client_;
  launchdarkly::Context ctx_;
};
