<?php
namespace App\Flags;

use LaunchDarkly\LDClient;
use LaunchDarkly\LDContext;

class FeatureFlagService implements FlagChecker
{
    public function __construct(private LDClient $client, private LDContext $context)
    {
    }

    public function isFlagEnabled(string $flag, bool $default = false): bool
    {
        $key = $flag;
        return $this->client->variation($key, $this->context, $default); // want key=null dynamic
    }

    public function limit(string $flag): int
    {
        return $this->client->variation($flag, $this->context, 10); // want key=null fallback=10
    }

    public function checkoutEnabled(): bool
    {
        return $this->isFlagEnabled(FlagKeys::NEW_CHECKOUT, true); // want key="new-checkout" fallback=true
    }
}
