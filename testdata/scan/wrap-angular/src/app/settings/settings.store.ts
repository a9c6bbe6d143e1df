// A settings store with a getFlag of its own: it reads local settings, not LaunchDarkly.
export class SettingsStore {
  private values: Record<string, boolean> = {};

  getFlag(name: string, fallback: boolean): boolean {
    return this.values[name] ?? fallback;
  }
}
