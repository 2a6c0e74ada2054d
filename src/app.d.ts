// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
	namespace App {
		interface Locals {
			/** The request carries admin rights: the bearer admin token, or a live sign-in session's cookie. */
			admin: boolean;
			/** Who acts as admin: the name given at sign-in, or "admin token" for the bearer token. */
			adminName: string | null;
			/** Admin rights came from the session cookie (so state changes must pass the Origin check). */
			bySession: boolean;
		}
		/** Shallow history entries of the interview page: the screen each one shows, so the system Back button goes back a screen. */
		interface PageState {
			screen?: number;
		}
		interface Platform {
			/** adapter-node's incoming request. */
			req?: import('node:http').IncomingMessage;
		}
	}
}

export {};
