// The application's flag keys, as the components name them.
export const FeatureFlags = {
  newNav: 'new-nav',
  reports: 'reports-v2',
};
