// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
	namespace App {
		interface Locals {
			/** The request carries the admin token (Authorization header or the admin cookie). */
			admin: boolean;
		}
	}
}

export {};
