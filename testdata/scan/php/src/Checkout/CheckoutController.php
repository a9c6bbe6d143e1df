<?php

namespace App\Checkout;

use LaunchDarkly\LDClient;
use LaunchDarkly\LDContext;
use OpenFeature\OpenFeatureAPI;

const NEW_CHECKOUT = 'new-checkout';

class CheckoutController
{
    private const DEFAULT_TIER = 'free';

    public function __construct(private LDClient $client) {}

    public function show(string $userId): array
    {
        $context = LDContext::builder($userId)->kind('user')->build();
        $enabled = $this->client->variation(NEW_CHECKOUT, $context, false); // want key="new-checkout" fallback=false type=bool
        $tier = $this->client->variation(Flags::PRICING, $context, 'free'); // want key="pricing-v2" fallback="free" type=string
        $limit = $this->client->variationDetail( // want key="rate-limits" fallback=-2.5 type=number
            Flags::LIMITS,
            $context,
            -2.5
        );
        $named = $this->client->variation(context: $context, defaultValue: "on", key: 'named-args'); // want key="named-args" fallback="on" type=string
        $implicit = $this->client->variation('no-default', $context); // want key="no-default" fallback=false implicit
        $dyn = $this->client->variation("exp-{$userId}", $context, $this->fallback()); // want key=null dynamic
        // $this->client->variation('commented-out', $context, true);
        $s = '$this->client->variation("in-a-string", $context, true)';
        $of = OpenFeatureAPI::getInstance()->getClient();
        $dark = $of?->getBooleanValue('dark-mode', true); // want key="dark-mode" fallback=true type=bool
        $theme = $of->getStringDetails(flagKey: 'theme', defaultValue: 'light'); // want key="theme" fallback="light" type=string
        $max = $of->getIntegerValue('max-items', 10); // want key="max-items" fallback=10 type=number
        return [$enabled, $tier, $limit, $named, $implicit, $dyn, $s, $dark, $theme, $max];
    }
}
