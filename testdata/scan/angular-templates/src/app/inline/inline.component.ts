import { Component } from '@angular/core';

@Component({
  selector: 'app-inline',
  template: `
    <div *appFeatureFlag="'inline-flag'">Inline</div> <!-- want key="inline-flag" fallback=false -->
  `,
})
export class InlineComponent {}
