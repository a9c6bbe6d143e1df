<?php

namespace App\Http;

use App\Flags\Flags;
use LaunchDarkly\LDClient;

class OrderController
{
    public function __construct(private LDClient $client) {}

    public function show($context): bool
    {
        return $this->client->variation(Flags::NEW_CHECKOUT, $context, Flags::CHECKOUT_DEFAULT); // want key="php-new-checkout" fallback=true fallbackFile=xmod/src/Flags/Flags.php
    }
}
