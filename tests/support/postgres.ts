/**
 * A database of a test's own on the throw-away PostgreSQL that npm test starts (TUN_PG_URL),
 * for servers whose data no other test may see.
 */
import pg from 'pg';

async function onServer(sql: string): Promise<void> {
	const client = new pg.Client({ connectionString: process.env.TUN_PG_URL });
	await client.connect();
	try {
		await client.query(sql);
	} finally {
		await client.end();
	}
}

/** Creates an empty database; `url` reaches it, `drop` removes it (connections included). */
export async function freshPostgresDatabase(prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
	if (!process.env.TUN_PG_URL) throw new Error('TUN_PG_URL is not set: run through node scripts/postgres.mjs (npm test does)');
	const name = `${prefix}_${crypto.randomUUID().replaceAll('-', '')}`;
	await onServer(`CREATE DATABASE ${name}`);
	const url = new URL(process.env.TUN_PG_URL);
	url.pathname = `/${name}`;
	return { url: url.toString(), drop: () => onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
