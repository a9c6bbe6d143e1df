export const FLAG_KEYS = { beta: 'svelte-beta' };
