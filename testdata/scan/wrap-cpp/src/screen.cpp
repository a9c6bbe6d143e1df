#include "feature_flags.hpp"

#define PRICING_FLAG "pricing-v2"

// An unrelated class with a method of the same name: not a flag.
class Preferences {
 public:
  bool IsOn(const std::string& key, bool fallback = false) { return values_.count(key) > 0 || fallback; }
};

void Render(FeatureFlags& flags, Preferences& prefs) {
  bool a = flags.IsOn(PRICING_FLAG, true);  // want key="pricing-v2" fallback=true type=bool
  bool b = flags.IsOn("new-onboarding");  // want key="new-onboarding" fallback=false type=bool
  auto c = flags.Text("banner");  // want key="banner" dynamic
  auto d = flags.Text("title", "Hello");  // want key="title" fallback="Hello" type=string
  bool e = flags.Beta("beta-search");  // want key="beta-search" fallback=true type=bool
  bool f = flags.DarkMode(false);  // want key="dark-mode" fallback=false type=bool
  bool g = prefs.IsOn("sound", true);
}
