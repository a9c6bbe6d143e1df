export const isAdmin = (groups: string[] = [], flags: any) => {
  if (flags.downgradeAdmin) { // want key="downgrade-admin" method=flags
    return false;
  }
  return groups.includes('admin');
};

// Called once with the flags object and once with something else: not the flags object.
export const hasVerbose = (flags: any) => flags.verbose;

export const isBasic = (groups: string[], flags: any) => !isAdmin(groups, flags);

const user = { isAdmin, isBasic, hasVerbose };

export default user;

// Called with the flags object here, and with an options object through the barrel (utils/index.ts).
export const isOwner = (flags: any) => flags.owner;
