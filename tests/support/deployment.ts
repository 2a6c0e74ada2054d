/**
 * The deployment settings of every test server (the institution that runs the survey, a
 * contact), set as a supervisor sets them: `PUT /api/admin/deployment` with the admin token.
 * The consent of version 2 cites both, and a tablet refuses to start an interview on a form
 * whose texts cite settings it has not downloaded, so a test that starts interviews sets
 * them before the tablet is set up. Every test sets the same values: the shared server keeps
 * one row of settings, and tests running beside each other must not change what the others read.
 */
import type { Deployment, Translated } from '../../src/lib/form/schema';
import { TEST_ADMIN_TOKEN } from './server';

export const TEST_DEPLOYMENT = {
	institution: {
		hy: 'Կովկասյան հետազոտական ռեսուրսային կենտրոն',
		ru: 'Кавказский ресурсно-исследовательский центр',
		en: 'the Caucasus Research Resource Centre'
	},
	contact: {
		hy: 'Աննա Հակոբյան, հեռ. 010 00 00 00',
		ru: 'Анна Акопян, тел. 010 00 00 00',
		en: 'Anna Hakobyan, tel. 010 00 00 00'
	}
} satisfies Required<Record<keyof Deployment, Translated>>;

/**
 * Sets the test deployment settings on the server at `origin` through the admin API, as any
 * client would; throws unless it answers 200 with them.
 */
export async function setTestDeployment(origin: string, settings: Deployment = TEST_DEPLOYMENT): Promise<void> {
	const response = await fetch(`${origin}/api/admin/deployment`, {
		method: 'PUT',
		headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json' },
		body: JSON.stringify(settings)
	});
	const body = await response.text();
	if (response.status !== 200) throw new Error(`PUT /api/admin/deployment answered ${response.status}: ${body}`);
	const stored = JSON.parse(body) as Deployment;
	for (const key of Object.keys(settings) as (keyof Deployment)[])
		if (JSON.stringify(stored[key]) !== JSON.stringify(settings[key]))
			throw new Error(`the server kept ${key} as ${JSON.stringify(stored[key])}`);
}
