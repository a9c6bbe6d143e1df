import { Component } from '@angular/core';
import { FeatureFlags } from '../feature-flags';

@Component({
  selector: 'app-home',
  templateUrl: './home.component.html',
})
export class HomeComponent {
  featureFlags = FeatureFlags;
  currentFlag = window.location.hash;
  label = 'new-nav';
}
