<?php

use LaunchDarkly\LDClient;

function checkout(LDClient $client, $context): bool
{
    return $client->variation('checkout-api', $context, true);
}

function banner(LDClient $client, $context): string
{
    return $client->variation('banner-text', $context, 'Hello');
}
