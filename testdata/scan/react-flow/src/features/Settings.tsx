import { isOwner } from 'src/utils';

export const Settings = () => isOwner({ owner: true });
