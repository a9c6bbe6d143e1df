import { Pipe, PipeTransform } from '@angular/core';
import { FlagsService } from '../services/flags.service';

@Pipe({ name: 'featureFlag' })
export class FeatureFlagPipe implements PipeTransform {
  constructor(private flagsService: FlagsService) {}

  transform(key: string): boolean {
    return this.flagsService.isOn(key, true);
  }
}
