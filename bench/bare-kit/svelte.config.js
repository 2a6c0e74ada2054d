// The bare SvelteKit page the opening time of Tun is compared with (scripts/bench.mjs): the same
// toolchain as the app (its node_modules resolve from the repository's root), adapter-node, one
// prerendered page rendering one <label>, and /client: the same <label> drawn in the browser once
// SvelteKit has started (ssr = false), the floor of any page whose label comes from the device.
import adapter from '@sveltejs/adapter-node';

/** @type {import('@sveltejs/kit').Config} */
export default { kit: { adapter: adapter({ out: 'build' }) } };
