import { Directive, Input, TemplateRef, ViewContainerRef } from '@angular/core';
import { FlagsService } from '../services/flags.service';

// Shows its content when the flag bound to it is on.
@Directive({ selector: '[appFeatureFlag]' })
export class FeatureFlagDirective {
  constructor(private tpl: TemplateRef<unknown>, private vc: ViewContainerRef, private flagsService: FlagsService) {}

  @Input() set appFeatureFlag(flagKey: string) {
    this.vc.clear();
    if (this.flagsService.isOn(flagKey)) {
      this.vc.createEmbeddedView(this.tpl);
    }
  }
}
