// Another vendor's SDK reuses the LaunchDarkly method names with other argument orders.
import { Client } from 'other-flags-vendor';

const other = new Client();
other.boolVariation(false, 'not-ours');
other.variation('not-ours-either', {}, true);
