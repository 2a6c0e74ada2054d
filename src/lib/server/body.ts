/** The largest request body the sync API reads: 100 interviews with their audit logs fit well. */
export const MAX_BODY_BYTES = 5 * 1024 * 1024;

export type BodyResult = { ok: true; text: string } | { ok: false; status: 413 | 415; message: string };

const human = (bytes: number) => (bytes >= 1024 * 1024 ? `${bytes / 1024 / 1024} MB` : `${bytes / 1024} KB`);

/** Reads a JSON request body, refusing other media types and bodies over the limit (without reading them whole). */
export async function readJsonBody(request: Request, limit = MAX_BODY_BYTES): Promise<BodyResult> {
	const type = request.headers.get('content-type') ?? '';
	if (!/^application\/json\s*(;|$)/i.test(type)) {
		return { ok: false, status: 415, message: 'send the body as JSON, with Content-Type: application/json' };
	}
	const hint = limit === MAX_BODY_BYTES ? ': send fewer interviews per batch' : '';
	const read = await readBytes(request, limit, hint);
	return read.ok ? { ok: true, text: Buffer.from(read.bytes).toString('utf8') } : read;
}

export type BytesResult = { ok: true; bytes: Uint8Array } | { ok: false; status: 413; message: string };

/** Reads a request body as bytes, whatever its media type (the caller checked it), refusing one over the limit without reading it whole. */
export async function readBytes(request: Request, limit: number, hint = ''): Promise<BytesResult> {
	const tooLarge = { ok: false, status: 413, message: `the body is over ${human(limit)}${hint}` } as const;
	if (Number(request.headers.get('content-length') ?? 0) > limit) return tooLarge;
	const reader = request.body?.getReader();
	if (!reader) return { ok: true, bytes: new Uint8Array() };
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.byteLength;
		if (size > limit) {
			// Stop reading, without cancelling: a cancel destroys the connection before the 413 is
			// sent. What was read is dropped; the unread rest stays on the wire (the stream pauses).
			reader.releaseLock();
			return tooLarge;
		}
		chunks.push(value);
	}
	return { ok: true, bytes: Buffer.concat(chunks) };
}
