const BANNER_DEFAULT = 'Welcome';
export default BANNER_DEFAULT;
