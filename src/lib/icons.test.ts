import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { draw, ICONS, iconFile } from '../../scripts/icons.mjs';

const manifest = JSON.parse(readFileSync('static/manifest.webmanifest', 'utf8')) as {
	icons: { src: string; sizes: string; type: string; purpose: string }[];
};

/** Width, height and RGBA pixels of an 8-bit RGBA PNG whose rows use filter 0 (what the script writes). */
function decode(bytes: Buffer) {
	expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
	const width = bytes.readUInt32BE(16);
	const height = bytes.readUInt32BE(20);
	let offset = 8;
	const idat: Buffer[] = [];
	while (offset < bytes.length) {
		const length = bytes.readUInt32BE(offset);
		const type = bytes.toString('latin1', offset + 4, offset + 8);
		if (type === 'IDAT') idat.push(bytes.subarray(offset + 8, offset + 8 + length));
		offset += 12 + length;
	}
	const rows = inflateSync(Buffer.concat(idat));
	const pixel = (x: number, y: number) => {
		const o = y * (width * 4 + 1) + 1 + x * 4;
		return [...rows.subarray(o, o + 4)];
	};
	return { width, height, pixel };
}

describe('app icons', () => {
	it.each(ICONS)('static/icons/$file is what scripts/icons.mjs draws ($size px)', (icon) => {
		const committed = readFileSync(`static/icons/${icon.file}`);
		expect(committed.equals(iconFile(icon)), 'run `node scripts/icons.mjs` after changing it').toBe(true);
		const { width, height } = decode(committed);
		expect([width, height]).toEqual([icon.size, icon.size]);
	});

	it('the manifest names every "any" and "maskable" icon with its true size, 192 and 512 px of each', () => {
		for (const purpose of ['any', 'maskable']) {
			const listed = manifest.icons.filter((i) => i.purpose === purpose);
			expect(listed.map((i) => i.sizes).sort()).toEqual(['192x192', '512x512']);
			for (const entry of listed) {
				const { width, height } = decode(readFileSync(`static${entry.src}`));
				expect(`${width}x${height}`).toBe(entry.sizes);
				expect(entry.type).toBe('image/png');
			}
		}
	});

	it('a maskable icon fills its square and keeps the house inside the inner 80 % circle', () => {
		for (const icon of ICONS.filter((i) => i.purpose === 'maskable')) {
			const { pixel } = decode(iconFile(icon));
			const s = icon.size;
			// Opaque blue to the very corners: no mask shows a transparent edge.
			for (const [x, y] of [
				[0, 0],
				[s - 1, 0],
				[0, s - 1],
				[s - 1, s - 1]
			])
				expect(pixel(x, y)).toEqual([0x1f, 0x5f, 0x8b, 255]);
			let house = 0;
			const rgba = draw(icon);
			for (let y = 0; y < s; y++) {
				for (let x = 0; x < s; x++) {
					if (rgba[(y * s + x) * 4] === 0x1f) continue; // plain blue
					house++;
					expect(Math.hypot(x + 0.5 - s / 2, y + 0.5 - s / 2)).toBeLessThanOrEqual(0.4 * s);
				}
			}
			expect(house).toBeGreaterThan(0.1 * s * s);
		}
	});

	it('an "any" icon is a rounded square: transparent corners, the house in white at its centre', () => {
		const icon = ICONS.find((i) => i.purpose === 'any' && i.size === 192)!;
		const { pixel } = decode(iconFile(icon));
		expect(pixel(0, 0)[3]).toBe(0);
		expect(pixel(70, 120)).toEqual([255, 255, 255, 255]); // the wall left of the door
		expect(pixel(96, 140)).toEqual([0x1f, 0x5f, 0x8b, 255]); // the door
		expect(pixel(96, 20)).toEqual([0x1f, 0x5f, 0x8b, 255]);
	});
});
