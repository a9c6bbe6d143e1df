export { isOwner } from './user';
