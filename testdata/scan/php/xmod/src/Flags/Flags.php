<?php

namespace App\Flags;

final class Flags
{
    public const NEW_CHECKOUT = 'php-new-checkout';
    public const CHECKOUT_DEFAULT = true;
}
