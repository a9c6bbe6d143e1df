import { Directive, Input } from '@angular/core';

// A directive whose input is not a flag key: its bindings are not evaluations.
@Directive({ selector: '[appTooltip]' })
export class TooltipDirective {
  private text = '';

  @Input() set appTooltip(text: string) {
    this.text = text;
  }
}
