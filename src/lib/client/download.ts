/**
 * The export archive downloaded through fetch, so the admin page can say how far it got:
 * the server names the archive's files in the order it writes them (`x-tun-files`) and how
 * many interviews it holds (`x-tun-submissions`); which file is being written is read from
 * the zip's own local file headers as the bytes arrive. The file is saved at the end under
 * its own name. The session cookie goes with the request, as with every admin call.
 */
import { errorBodySchema } from '$lib/wire';

export interface ArchiveProgress {
	/** The archive's files in the order they come. */
	files: string[];
	/** 1-based index of the file being received (0 before the first). */
	index: number;
	bytes: number;
	/** Interviews in the archive, as the server counted them with the filters. */
	submissions: number | undefined;
	done: boolean;
}

const SIGNATURE = [0x50, 0x4b, 0x03, 0x04];
/** A local file header's fixed part, before the name. */
const HEADER = 30;

/** Where the local file header of `name` starts in `bytes`, or -1. */
export function localHeaderAt(bytes: Uint8Array, name: Uint8Array): number {
	for (let i = 0; i + HEADER + name.length <= bytes.length; i++) {
		if (bytes[i] !== SIGNATURE[0] || bytes[i + 1] !== SIGNATURE[1] || bytes[i + 2] !== SIGNATURE[2] || bytes[i + 3] !== SIGNATURE[3])
			continue;
		if ((bytes[i + 26] | (bytes[i + 27] << 8)) !== name.length) continue;
		if (name.every((b, k) => bytes[i + HEADER + k] === b)) return i;
	}
	return -1;
}

/**
 * Follows the files of a zip written in a known order as its bytes arrive: `push` each
 * chunk, read `index` (how many of the files have begun). A header split between chunks is
 * found: the tail of each chunk is kept for the next.
 */
export function zipFollower(files: readonly string[]) {
	const names = files.map((f) => new TextEncoder().encode(f));
	const keep = HEADER + Math.max(0, ...names.map((n) => n.length));
	let carry = new Uint8Array(0);
	let index = 0;
	return {
		get index() {
			return index;
		},
		push(chunk: Uint8Array) {
			let window = new Uint8Array(carry.length + chunk.length);
			window.set(carry);
			window.set(chunk, carry.length);
			while (index < names.length) {
				const at = localHeaderAt(window, names[index]);
				if (at < 0) break;
				window = window.subarray(at + HEADER + names[index].length);
				index++;
			}
			carry = window.slice(Math.max(0, window.length - keep));
		}
	};
}

/** Downloads the archive at `url`, telling `progress` as bytes arrive, and saves it as `name`; a string is what failed. */
export async function downloadArchive(url: string, name: string, progress: (p: ArchiveProgress) => void): Promise<string | undefined> {
	let response: Response;
	try {
		response = await fetch(url);
	} catch (error) {
		return error instanceof Error ? error.message : String(error);
	}
	if (!response.ok || !response.body) {
		const refusal = errorBodySchema.safeParse(await response.json().catch(() => null));
		return refusal.success ? refusal.data.error : `HTTP ${response.status}`;
	}
	const files = (response.headers.get('x-tun-files') ?? '').split(',').filter(Boolean);
	const count = response.headers.get('x-tun-submissions');
	const follower = zipFollower(files);
	const state: ArchiveProgress = { files, index: 0, bytes: 0, submissions: count === null ? undefined : Number(count), done: false };
	progress({ ...state });
	const chunks: Uint8Array<ArrayBuffer>[] = [];
	const reader = response.body.getReader();
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		chunks.push(value);
		follower.push(value);
		state.bytes += value.length;
		state.index = follower.index;
		progress({ ...state });
	}
	const link = document.createElement('a');
	link.href = URL.createObjectURL(new Blob(chunks, { type: 'application/zip' }));
	link.download = name;
	document.body.append(link);
	link.click();
	link.remove();
	// The browser reads the blob after the click: it is let go a minute later, not at once.
	setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
	progress({ ...state, done: true });
	return undefined;
}
