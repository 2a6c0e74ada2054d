// The end-to-end suite drives a real Chromium; say in one line how to get one.
import { accessSync, constants } from 'node:fs';

const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
try {
	accessSync(path, constants.X_OK);
} catch {
	console.error(`No Chromium at ${path}: install it with "apt-get install -y chromium" or set CHROMIUM_PATH to a Chromium binary.`);
	process.exit(1);
}
