<?php

namespace App\Checkout;

final class Flags
{
    public const PRICING = 'pricing-v2';
    const LIMITS = "rate-limits";
}
