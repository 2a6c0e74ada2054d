/**
 * The store contract for the interviewer's sex and the deployment settings, on SQLite and
 * (with TUN_PG_URL) PostgreSQL: what one store does, the other does.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Submission } from '$lib/wire';
import { sampleSubmission } from '../testing';
import { postgresUrl, temporaryDatabase, undoDeskSql, undoQualitySql, undoResolutionSql, type TemporaryDatabase } from './testing';
import type { Store } from './types';

const kinds: Store['kind'][] = postgresUrl ? ['sqlite', 'postgres'] : ['sqlite'];
const sample = sampleSubmission();
const fresh = (overrides: Partial<Submission> = {}): Submission => ({ ...sample, id: crypto.randomUUID(), ...overrides });

const institution = { hy: 'Երևանի պետական համալսարան', ru: 'Ереванский государственный университет', en: 'Yerevan State University' };
const contact = { hy: 'Անի, +374 10 000000', ru: 'Ани, +374 10 000000', en: 'Ani, +374 10 000000' };

describe.each(kinds)('%s store: interviewer sex and deployment settings', (kind) => {
	let db: TemporaryDatabase;
	let store: Store;
	beforeEach(async () => {
		db = await temporaryDatabase(kind);
		store = db.store;
	});
	afterEach(() => db.dispose());

	it("keeps an enumerator's sex, and changes name or sex on request (revoked ones too)", async () => {
		const ani = await store.createEnumerator('Ani', 'female', 'hash-ani');
		expect(ani).toMatchObject({ name: 'Ani', sex: 'female', revokedAt: null });
		expect(await store.findEnumerator('hash-ani')).toEqual(ani);

		expect(await store.updateEnumerator(ani.id, { sex: 'male' })).toEqual({ ...ani, sex: 'male' });
		expect(await store.updateEnumerator(ani.id, { name: 'Aram' })).toEqual({ ...ani, name: 'Aram', sex: 'male' });
		expect(await store.updateEnumerator(ani.id, { name: 'Ani', sex: 'female' })).toEqual(ani);
		expect(await store.listEnumerators()).toEqual([ani]);

		expect(await store.revokeEnumerator(ani.id)).toBe(true);
		const revoked = (await store.listEnumerators())[0];
		expect(await store.updateEnumerator(ani.id, { name: 'Ani G.' })).toEqual({ ...revoked, name: 'Ani G.' });
		expect(await store.updateEnumerator(crypto.randomUUID(), { name: 'Nobody' })).toBeUndefined();
		expect(await store.listEnumerators()).toHaveLength(1);
	});

	it("keeps on each submission the sender's sex as it was when the submission arrived", async () => {
		const e = await store.createEnumerator('Ani', 'female', 'hash-ani');
		const [a, b, c] = [fresh(), fresh(), fresh()];
		await store.saveBatch([a], e.id);
		await store.updateEnumerator(e.id, { sex: 'male' });
		await store.saveBatch([b, a], e.id);
		await store.saveBatch([c], null);
		expect((await store.getSubmission(a.id))?.enumeratorSex).toBe('female');
		expect((await store.getSubmission(b.id))?.enumeratorSex).toBe('male');
		expect((await store.getSubmission(c.id))?.enumeratorSex).toBeNull();
		expect((await store.listSubmissions(a.formId)).map((s) => s.enumeratorSex)).toEqual(['female', 'male', null]);
	});

	it('refuses a sex other than female or male at the database too', async () => {
		const e = await store.createEnumerator('Ani', 'female', 'hash-ani');
		await expect(db.exec(`UPDATE enumerators SET sex = 'other' WHERE id = '${e.id}'`)).rejects.toThrow(/CHECK constraint|check constraint/);
	});

	it('has no deployment settings until they are set; setting replaces them, null clears one; they survive a restart', async () => {
		expect(await store.getDeployment()).toEqual({ institution: null, contact: null, updatedAt: null });
		const first = await store.setDeployment({ institution, contact: null });
		expect(first).toEqual({ institution, contact: null, updatedAt: expect.any(String) });
		expect(new Date(first.updatedAt!).toISOString()).toBe(first.updatedAt);
		expect(await store.getDeployment()).toEqual(first);
		const second = await store.setDeployment({ institution: null, contact });
		expect(second).toEqual({ institution: null, contact, updatedAt: expect.any(String) });
		expect(second.updatedAt! >= first.updatedAt!).toBe(true);
		await store.close();
		expect(await (await db.open()).getDeployment()).toEqual(second);
	});

	it("keeps a submission's meta as sent: the deployment snapshot and the texts shown", async () => {
		const meta = {
			referenceDate: '2026-12-15',
			deployment: { institution, contact, updatedAt: '2026-12-01T10:00:00.000Z' },
			shown: { consent_text: `Ձեզ հետ խոսում է ${institution.hy}… ${contact.hy}` }
		};
		const s = fresh({ meta });
		await store.saveBatch([s], null);
		expect((await store.getSubmission(s.id))?.meta).toEqual(meta);
		expect(await store.saveBatch([{ ...s }], null)).toEqual(['duplicate']);
	});

	it('migrates a database made before: old enumerators and submissions have no sex, and work on', async () => {
		const e = await store.createEnumerator('Old', 'female', 'hash-old');
		const old = fresh();
		await store.saveBatch([old], e.id);
		await store.close();
		// The database as the previous migration left it.
		const back = kind === 'sqlite' ? 'PRAGMA user_version = 3;' : 'DELETE FROM schema_migrations WHERE version >= 5;';
		await db.exec(`${undoQualitySql}
			${undoDeskSql}
			DROP TABLE devices;
			DROP TABLE drafts;
			DROP TABLE reviews;
			DROP TABLE deployment;
			ALTER TABLE submissions DROP COLUMN review_state;
			ALTER TABLE enumerators DROP COLUMN sex;
			ALTER TABLE submissions DROP COLUMN enumerator_sex;
			${undoResolutionSql}
			${back}`);
		const again = await db.open();
		expect(await again.findEnumerator('hash-old')).toEqual({ ...e, sex: null });
		expect((await again.getSubmission(old.id))?.enumeratorSex).toBeNull();
		expect((await again.getSubmission(old.id))?.reviewState).toBe('received');
		expect(await again.getDeployment()).toEqual({ institution: null, contact: null, updatedAt: null });
		// The next migration (imported drafts) ran too.
		expect(await again.listDrafts()).toEqual([]);
		const added = fresh();
		expect(await again.saveBatch([added, old], e.id)).toEqual(['created', 'duplicate']);
		expect((await again.getSubmission(added.id))?.enumeratorSex).toBeNull();
	});
});
