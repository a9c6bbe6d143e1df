export interface Flags {
  iamNav: boolean;
  vmMaintenance: boolean;
  secureCopy: boolean;
  betaBanner: boolean;
}

export type FlagSet = Partial<Flags>;
