using Shop.Services;

namespace Shop
{
    public class CheckoutController
    {
        private readonly IFeatureService _features;
        private readonly FeatureService _concrete;
        private readonly OptionsService _options;

        public CheckoutController(IFeatureService features, FeatureService concrete, OptionsService options)
        {
            _features = features;
            _concrete = concrete;
            _options = options;
        }

        public bool Index()
        {
            var on = _features.IsEnabled(FeatureKeys.NewCheckout); // want key="new-checkout" fallback=false type=bool
            var dark = _features.IsEnabled("dark-mode", defaultValue: true); // want key="dark-mode" fallback=true
            var theme = _concrete.Theme(FeatureKeys.Theme); // want key="site-theme" fallback="light" type=string
            // Another service's IsEnabled: not the wrapper.
            var opt = _options.IsEnabled("new-checkout");
            return on && dark && opt;
        }
    }

    public class OptionsService
    {
        public bool IsEnabled(string name) => false;
    }
}
