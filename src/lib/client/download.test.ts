import { describe, expect, it } from 'vitest';
import { strToU8, Zip, ZipDeflate } from 'fflate';
import { localHeaderAt, zipFollower } from './download';

/** A zip written as the server writes the archive (fflate's streaming zip), its bytes in order. */
function streamedZip(files: [string, string][]): Uint8Array {
	const out: Uint8Array[] = [];
	const zip = new Zip((error, data) => {
		if (error) throw error;
		out.push(data);
	});
	for (const [name, text] of files) {
		const file = new ZipDeflate(name, { level: 6 });
		zip.add(file);
		file.push(strToU8(text), true);
	}
	zip.end();
	return new Uint8Array(Buffer.concat(out));
}

const noise = (n: number) => Array.from({ length: n }, (_, i) => `${(i * 7919) % 10007},"PK",x${i}`).join('\r\n');
const files: [string, string][] = [
	['f.csv', noise(3000)],
	['f-identifying.csv', noise(2000)],
	['f-member.csv', noise(4000)],
	['codebook.csv', 'variable,table\r\n'],
	['f.R', '# R\n']
];

describe('following the files of the archive as its bytes arrive', () => {
	it('finds each file in the order written, whatever the size of the pieces, headers split between them included', () => {
		const zip = streamedZip(files);
		const names = files.map(([n]) => n);
		for (const size of [1, 7, 29, 1000, zip.length]) {
			const follower = zipFollower(names);
			const seen: number[] = [];
			for (let at = 0; at < zip.length; at += size) {
				follower.push(zip.subarray(at, at + size));
				seen.push(follower.index);
			}
			expect(seen.at(-1), `pieces of ${size}`).toBe(5);
			// Never goes back, and passes through every file.
			expect(seen.every((n, i) => i === 0 || n >= seen[i - 1])).toBe(true);
			if (size < 100) expect(new Set(seen)).toEqual(new Set([0, 1, 2, 3, 4, 5]));
		}
	});

	it('says no file has begun before the first header, and finds a header by its name, not by its signature alone', () => {
		const zip = streamedZip(files);
		const follower = zipFollower(files.map(([n]) => n));
		follower.push(zip.subarray(0, 20));
		expect(follower.index).toBe(0);
		expect(localHeaderAt(zip, strToU8('f-member.csv'))).toBeGreaterThan(localHeaderAt(zip, strToU8('f-identifying.csv')));
		expect(localHeaderAt(zip, strToU8('other.csv'))).toBe(-1);
	});
});
