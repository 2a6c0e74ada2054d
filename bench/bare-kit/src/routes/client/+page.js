// The same label, rendered in the browser once SvelteKit has started (no server-rendered HTML).
export const ssr = false;
