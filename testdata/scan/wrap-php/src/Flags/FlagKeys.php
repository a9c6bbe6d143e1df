<?php
namespace App\Flags;

final class FlagKeys
{
    public const NEW_CHECKOUT = 'new-checkout';
    public const DARK_MODE = 'dark-mode';
}
