#include <launchdarkly/server_side/client.hpp>
#include <openfeature/openfeature_api.h>

#include "flag_keys.hpp"

#define NEW_CHECKOUT "new-checkout"

namespace {
constexpr char kLimits[] = "rate-limits";
}

class Checkout {
 public:
  static constexpr const char* kTier = "tier";

  bool Run(launchdarkly::server_side::Client& client, launchdarkly::Context const& context) {
    bool enabled = client.BoolVariation(context, NEW_CHECKOUT, false);  // want key="new-checkout" fallback=false type=bool
    auto tier = client.StringVariation(context, flags::kPricing, "free");  // want key="pricing-v2" fallback="free" type=string
    double ratio = client_->DoubleVariationDetail(  // want key="rate-limits" fallback=-1.5 type=number
        context,
        kLimits,
        -1.5).Value();
    auto cfg = client.JsonVariation(context, "config", launchdarkly::Value(true));  // want key="config" fallback=true type=json
    int items = client.IntVariation(context, "max-items", 10, hook_ctx);  // want key="max-items" fallback=10 type=number
    auto named = client.StringVariation(context, Checkout::kTier, std::string("gold"));  // want key="tier" fallback="gold" type=string
    auto dyn = client.StringVariation(context, KeyFor(user_), user_default_);  // want key=null dynamic
    // client.BoolVariation(context, "commented-out", true);
    auto s = "client.BoolVariation(context, \"in-a-string\", true)";
    auto raw = R"(client.BoolVariation(context, "in-a-raw-string", true))";
    bool c_api = LDServerSDK_BoolVariation(sdk_, ctx_, "c-binding", true);  // want key="c-binding" fallback=true type=bool

    auto of = openfeature::OpenFeatureAPI::GetInstance().GetClient();
    bool dark = of->GetBooleanValue("dark-mode", true);  // want key="dark-mode" fallback=true type=bool
    auto theme = of->GetStringValue("theme", "light", eval_ctx);  // want key="theme" fallback="light" type=string
    (void)tier; (void)ratio; (void)cfg; (void)items; (void)named; (void)dyn; (void)s; (void)raw; (void)c_api; (void)dark; (void)theme;
    return enabled;
  }
};
