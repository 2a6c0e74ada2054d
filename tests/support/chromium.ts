/**
 * How every test and benchmark launches Chromium: the system's (`CHROMIUM_PATH`, default
 * /usr/bin/chromium, what Debian installs) with the flags a container without a GPU, a
 * sandbox or a large /dev/shm needs, and nothing of its own running in the background.
 */
export const chromiumLaunch = {
	executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	args: [
		'--no-sandbox',
		'--disable-gpu',
		'--disable-dev-shm-usage',
		'--disable-quic',
		'--no-first-run',
		'--disable-background-networking',
		'--disable-component-update',
		'--disable-sync'
	]
};
