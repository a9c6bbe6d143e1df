<?php
// Decoy: another vendor's client with a same-named method.
use Unleash\Client\UnleashBuilder;

$unleash = UnleashBuilder::create()->build();
$v = $unleash->variation('not-launchdarkly', $ctx, false);
$b = $unleash->getBooleanValue('not-openfeature', true);
