<?php
namespace App\Http;

use App\Flags\FeatureFlagChecker;
use App\Flags\FeatureFlagService;
use App\Flags\FlagKeys;
use App\Settings\Settings;

class CheckoutController
{
    public function __construct(private FeatureFlagService $flags, private Settings $settings)
    {
    }

    public function show(): array
    {
        return [
            $this->flags->isFlagEnabled(FlagKeys::DARK_MODE), // want key="dark-mode" fallback=false
            $this->flags->limit('max-items'), // want key="max-items" fallback=10
            flag_on('beta-banner', true), // want key="beta-banner" fallback=true
            // A settings object's method of the same name: not the wrapper.
            $this->settings->isFlagEnabled('cache'),
        ];
    }
}
