// The app's icons for the web manifest and the home screen, drawn from the house of
// static/favicon.svg (the same path, in its 32-unit box) and written as PNG with node's zlib:
// no image library, no browser, the same bytes on every machine.
// `node scripts/icons.mjs` rewrites static/icons/*.png; src/lib/icons.test.ts checks that the
// committed files are exactly what this script draws, so an edit here must be followed by a run.
//
// - "any": a white house on a rounded square of the header's blue (#1f5f8b), corners transparent.
// - "maskable": the blue fills the whole square (the launcher cuts its own shape), and the house
//   stays inside the inner 80 % circle, the safe zone every mask keeps.
// - apple-touch-icon (180 px): full square (iOS rounds the corners itself), house as in "any".
import { writeFileSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';

/** @typedef {{ file: string, size: number, purpose: string, houseWidth: number, corner: number }} Icon */

/** The favicon's path "M4 15 16 4l12 11v13H19v-8h-6v8H4z" as absolute points, in its 32-unit box. */
export const HOUSE = [
	[4, 15],
	[16, 4],
	[28, 15],
	[28, 28],
	[19, 28],
	[19, 20],
	[13, 20],
	[13, 28],
	[4, 28]
];
const BLUE = [0x1f, 0x5f, 0x8b];
const WHITE = [0xff, 0xff, 0xff];

/** Every icon the manifest and the page head name: file, size, purpose and how it is drawn. @type {Icon[]} */
export const ICONS = [
	{ file: 'icon-192.png', size: 192, purpose: 'any', houseWidth: 0.6, corner: 0.18 },
	{ file: 'icon-512.png', size: 512, purpose: 'any', houseWidth: 0.6, corner: 0.18 },
	{ file: 'maskable-192.png', size: 192, purpose: 'maskable', houseWidth: 0.5, corner: 0 },
	{ file: 'maskable-512.png', size: 512, purpose: 'maskable', houseWidth: 0.5, corner: 0 },
	{ file: 'apple-touch-icon-180.png', size: 180, purpose: 'apple-touch-icon', houseWidth: 0.6, corner: 0 }
];

/** @param {number} x @param {number} y @param {number[][]} points */
function inPolygon(x, y, points) {
	let inside = false;
	for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
		const [xi, yi] = points[i];
		const [xj, yj] = points[j];
		if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
	}
	return inside;
}

/** @param {number} x @param {number} y @param {number} size @param {number} radius */
function inRoundedSquare(x, y, size, radius) {
	if (radius <= 0) return true;
	const cx = Math.min(Math.max(x, radius), size - radius);
	const cy = Math.min(Math.max(y, radius), size - radius);
	return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
}

/**
 * The icon's pixels (RGBA rows), each pixel the average of 4×4 samples. The house (24 units
 * wide, centred on (16, 16) of its box) is `houseWidth` of the icon's width, centred.
 * @param {Pick<Icon, 'size' | 'houseWidth' | 'corner'>} icon
 * @returns {Buffer}
 */
export function draw({ size, houseWidth, corner }) {
	const scale = (houseWidth * size) / 24;
	const house = HOUSE.map(([x, y]) => [size / 2 + (x - 16) * scale, size / 2 + (y - 16) * scale]);
	const radius = corner * size;
	const n = 4;
	const rgba = Buffer.alloc(size * size * 4);
	for (let py = 0; py < size; py++) {
		for (let px = 0; px < size; px++) {
			let white = 0;
			let covered = 0;
			for (let sy = 0; sy < n; sy++) {
				for (let sx = 0; sx < n; sx++) {
					const x = px + (sx + 0.5) / n;
					const y = py + (sy + 0.5) / n;
					if (!inRoundedSquare(x, y, size, radius)) continue;
					covered++;
					if (inPolygon(x, y, house)) white++;
				}
			}
			const o = (py * size + px) * 4;
			for (let c = 0; c < 3; c++) rgba[o + c] = covered ? Math.round((WHITE[c] * white + BLUE[c] * (covered - white)) / covered) : 0;
			rgba[o + 3] = Math.round((255 * covered) / (n * n));
		}
	}
	return rgba;
}

/** @param {string} type @param {Buffer} data */
function chunk(type, data) {
	const head = Buffer.alloc(8);
	head.writeUInt32BE(data.length, 0);
	head.write(type, 4, 'latin1');
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
	return Buffer.concat([head, data, crc]);
}

/** An 8-bit RGBA PNG of `size`×`size` pixels. @param {number} size @param {Buffer} rgba */
export function png(size, rgba) {
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(size, 0);
	ihdr.writeUInt32BE(size, 4);
	ihdr[8] = 8; // bit depth
	ihdr[9] = 6; // RGBA
	const rows = Buffer.alloc(size * (size * 4 + 1));
	for (let y = 0; y < size; y++) rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4); // filter 0
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', ihdr),
		chunk('IDAT', deflateSync(rows, { level: 9 })),
		chunk('IEND', Buffer.alloc(0))
	]);
}

/** The PNG file of one of ICONS. @param {Icon} icon */
export const iconFile = (icon) => png(icon.size, draw(icon));

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const dir = fileURLToPath(new URL('../static/icons/', import.meta.url));
	mkdirSync(dir, { recursive: true });
	for (const icon of ICONS) {
		const bytes = iconFile(icon);
		writeFileSync(resolve(dir, icon.file), bytes);
		console.log(`static/icons/${icon.file}: ${icon.size}×${icon.size}, ${bytes.length} bytes`);
	}
}
