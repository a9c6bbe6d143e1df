type Flags = { grbTab: boolean };

const navItems = (id: string, flags?: Flags) => [
  { id, groupEnd: flags && !flags.grbTab }, // want key="grb-tab"
  ...(flags?.grbTab ? [id] : []), // want key="grb-tab"
];

export default navItems;
