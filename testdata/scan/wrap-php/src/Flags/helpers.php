<?php
use LaunchDarkly\LDClient;

function flag_on($key, $default = false)
{
    global $ldClient;
    return $ldClient->variation($key, $GLOBALS['ctx'], $default); // want key=null dynamic
}
