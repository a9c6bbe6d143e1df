<?php
require 'vendor/autoload.php';

$featureFlagKey = "my-boolean-flag";

$client = new LaunchDarkly\LDClient(getenv('LD_SDK_KEY'));
$context = LaunchDarkly\LDContext::builder("example-user-key")->build();

$flagValue = $client->variation($featureFlagKey, $context, false); // want key="my-boolean-flag" fallback=false type=bool
