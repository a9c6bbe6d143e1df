<?php
use LaunchDarkly\LDClient;

function limit(LDClient $client, $ctx) {
    $d = 10;
    $d++;
    return $client->variation('php-limit', $ctx, $d); // want key="php-limit" dynamic
}

function plain(LDClient $client, $ctx) {
    $d = 10;
    return $client->variation('php-plain', $ctx, $d); // want key="php-plain" fallback=10
}
