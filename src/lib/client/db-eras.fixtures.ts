/**
 * Rows a tablet held at each earlier schema version of its database (db.ts, SCHEMA_VERSIONS),
 * as the app of that time wrote them: drafts, finalized, sent, refused and broken-off
 * interviews, the settings (device id, the account, the last sync), and from version 2 the
 * downloaded forms. The upgrade harness (db-upgrade.test.ts) builds a database at each of
 * these versions with them and upgrades it. Adding a schema version means adding the rows of
 * the version before it here: the harness fails until they exist.
 */
import definition from '$lib/forms/household_migration.2026-12-01.json' with { type: 'json' };

export interface Era {
	/** Rows by table name, exactly as that version stored them. */
	tables: Record<string, Record<string, unknown>[]>;
	/** The token of the account the era's settings hold (undefined: never set up). */
	token?: string;
}

const household = { site_type: 'armenia', settlement: 'other', settlement_other: 'Gavar', consent: 'yes', resp_sex: 'female' };
const events = (...types: string[]) => types.map((type, i) => ({ t: `2026-11-2${i}T09:00:00.000Z`, type }));

/** Version 1 (before forms were downloaded): interviews without titles, an account without the server's id. */
const version1: Era = {
	token: 'token-of-version-1',
	tables: {
		interviews: [
			{
				id: 'v1-draft',
				formId: 'household_migration',
				formVersion: '2026-12-01',
				deviceId: 'device-1',
				status: 'draft',
				language: 'hy',
				startedAt: '2026-11-20T09:00:00.000Z',
				updatedAt: '2026-11-20T09:30:00.000Z',
				referenceDate: '2026-11-20',
				answers: { ...household, member: [{ name: 'Anahit' }] },
				position: { screen: 3, open: { member: 0 }, reached: 4 },
				events: events('start', 'screen_enter', 'answer'),
				confirmed: ['resp_age']
			},
			{
				id: 'v1-finalized',
				formId: 'household_migration',
				formVersion: '2026-12-01',
				deviceId: 'device-1',
				status: 'finalized',
				language: 'ru',
				startedAt: '2026-11-21T09:00:00.000Z',
				updatedAt: '2026-11-21T10:00:00.000Z',
				finalizedAt: '2026-11-21T10:00:00.000Z',
				referenceDate: '2026-11-21',
				answers: { ...household, consent: 'no' },
				final: { site_type: 'armenia', settlement: 'other', settlement_other: 'Gavar', consent: 'no' },
				events: events('start', 'finalize'),
				confirmed: []
			},
			{
				id: 'v1-sent',
				formId: 'household_migration',
				formVersion: '2026-12-01',
				deviceId: 'device-1',
				status: 'sent',
				language: 'en',
				startedAt: '2026-11-19T09:00:00.000Z',
				updatedAt: '2026-11-19T11:00:00.000Z',
				finalizedAt: '2026-11-19T10:00:00.000Z',
				sentAt: '2026-11-19T11:00:00.000Z',
				referenceDate: '2026-11-19',
				answers: household,
				final: household,
				events: events('start', 'break_off'),
				breakOff: { at: 'resp_sex', reason: 'the respondent had to leave' }
			},
			{
				id: 'v1-refused',
				formId: 'household_migration',
				formVersion: '2026-12-01',
				deviceId: 'device-1',
				status: 'finalized',
				language: 'hy',
				startedAt: '2026-11-22T09:00:00.000Z',
				updatedAt: '2026-11-22T10:00:00.000Z',
				finalizedAt: '2026-11-22T10:00:00.001Z',
				referenceDate: '2026-11-22',
				answers: household,
				final: household,
				rejected: { status: 'invalid', errors: [{ path: 'resp_age', message: 'required' }] }
			}
		],
		settings: [
			{ key: 'deviceId', value: 'device-1' },
			{
				key: 'account',
				value: JSON.stringify({
					token: 'token-of-version-1',
					server: 'https://survey.example.org',
					name: 'Anahit',
					setUpAt: '2026-11-18T08:00:00.000Z'
				})
			},
			{ key: 'lastSync', value: '2026-11-19T11:00:00.000Z' }
		]
	}
};

/** Version 2 (forms on the device): titles, deployment settings kept with interviews, an account with the server's id. */
const version2: Era = {
	token: 'token-of-version-2',
	tables: {
		interviews: [
			{
				...version1.tables.interviews[0],
				id: 'v2-draft',
				instanceName: 'Gavar',
				deployment: { institution: { hy: 'ԿՀՌԿ', ru: 'КИРЦ', en: 'CRRC' } },
				position: { screen: 5, open: { member: 1 }, reached: 6, steps: { 'member.1': 2 } },
				eventsChars: 180,
				unlinked: ['member.1.spouse']
			},
			{ ...version1.tables.interviews[1], id: 'v2-finalized', instanceName: '', shown: { consent: 'CRRC asks…' } },
			{ ...version1.tables.interviews[2], id: 'v2-sent', instanceName: 'Gavar' }
		],
		settings: [
			{ key: 'deviceId', value: 'device-2' },
			{
				key: 'account',
				value: JSON.stringify({
					token: 'token-of-version-2',
					server: 'https://survey.example.org',
					name: 'Gor',
					enumeratorId: 'enum-2',
					setUpAt: '2026-11-25T08:00:00.000Z',
					revoked: true
				})
			},
			{ key: 'lastSync', value: '2026-11-26T11:00:00.000Z' },
			{ key: 'deployment', value: JSON.stringify({ institution: { hy: 'ԿՀՌԿ', ru: 'КИРЦ', en: 'CRRC' } }) }
		],
		forms: [
			{
				id: 'household_migration',
				version: '2026-12-01',
				definition,
				publishedAt: '2026-11-24T08:00:00.000Z',
				title: definition.title
			}
		]
	}
};

/** Version 3 (a shared tablet): two enumerators' accounts, the active one in the settings, each interview its enumerator's. */
const version3: Era = {
	token: 'token-of-ani',
	tables: {
		interviews: [
			{ ...version2.tables.interviews[0], id: 'v3-draft', enumerator: 'key-ani' },
			{ ...version2.tables.interviews[1], id: 'v3-finalized', enumerator: 'key-ani' },
			{ ...version2.tables.interviews[2], id: 'v3-sent', enumerator: 'key-gor' },
			{ ...version1.tables.interviews[3], id: 'v3-refused', enumerator: 'key-gor' }
		],
		settings: [
			{ key: 'deviceId', value: 'device-3' },
			{ key: 'activeAccount', value: 'key-ani' },
			{ key: 'lastSync', value: '2026-12-01T11:00:00.000Z' }
		],
		accounts: [
			{
				key: 'key-ani',
				token: 'token-of-ani',
				server: 'https://survey.example.org',
				name: 'Ani',
				enumeratorId: 'enum-ani',
				setUpAt: '2026-12-01T08:00:00.000Z',
				firstSetUpAt: '2026-12-01T08:00:00.000Z'
			},
			{
				key: 'key-gor',
				token: 'token-of-gor',
				server: 'https://survey.example.org',
				name: 'Gor',
				enumeratorId: 'enum-gor',
				setUpAt: '2026-11-25T08:00:00.000Z',
				revoked: true
			}
		],
		forms: version2.tables.forms
	}
};

/** The rows of each earlier schema version, by version number. */
export const ERAS: Record<number, Era> = { 1: version1, 2: version2, 3: version3 };
