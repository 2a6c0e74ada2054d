// Every page is a prerendered shell that renders on the device from IndexedDB, so the
// service worker can serve it with no network. API routes (+server.ts) are unaffected.
export const prerender = true;
export const ssr = false;
