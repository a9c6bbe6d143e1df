import { Component, OnInit } from '@angular/core';
import { LaunchDarklyService } from '../services/launch-darkly.service';
import { FeatureFlags } from '../feature-flags';
import { SettingsStore } from '../settings/settings.store';

@Component({ selector: 'app-checkout', template: '' })
export class CheckoutComponent implements OnInit {
  newCheckout = false;
  dark = false;

  constructor(private launchDarklyService: LaunchDarklyService, private settings: SettingsStore) {}

  ngOnInit(): void {
    const flagName = window.location.hash.slice(1);
    this.newCheckout = this.launchDarklyService.getFlag(FeatureFlags.NewCheckout); // want key="new-checkout" fallback=false type=bool
    this.dark = this.launchDarklyService.getFlag(FeatureFlags.DarkMode, true); // want key="dark-mode" fallback=true
    const title = this.launchDarklyService.bannerText('Welcome'); // want key="banner-text" fallback="Welcome"
    // A key that is not a constant stays null.
    this.launchDarklyService.getFlag(flagName); // want key=null fallback=false
    // Same method name on another type: not the wrapper.
    this.settings.getFlag('new-checkout', false);
  }
}
