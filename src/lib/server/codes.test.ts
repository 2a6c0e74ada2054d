import { describe, expect, it } from 'vitest';
import { coded, compiledVersion, q, repeat } from '$lib/form/testing';
import { forms as builtIn } from '$lib/forms';
import { choiceCode } from './codes';

// v1 has no codes at all, as household_migration 2026-12-01.
const v1 = compiledVersion(
	'v1',
	[
		q.selectOne('consent', 'yesno'),
		q.selectOne('tenure', 'tenure'),
		repeat('member', [q.selectOne('m_sex', 'sex'), q.selectMultiple('m_reason', 'reason'), q.selectOne('m_works', 'yesno')])
	],
	{ yesno: coded('yes', 'no'), tenure: coded('own', 'rent'), sex: coded('male', 'female'), reason: coded('work', 'study', 'military') }
);
// v2 codes them, drops m_works (its list stays, coded), moves m_reason to another list and drops "military".
const v2 = compiledVersion(
	'v2',
	[
		q.selectOne('consent', 'yesno'),
		q.selectOne('tenure', 'tenure'),
		repeat('member', [q.selectOne('m_sex', 'sex'), q.selectMultiple('m_reason', 'reason2')])
	],
	{
		yesno: coded('yes=1', 'no=0'),
		tenure: coded('own', 'rent'),
		sex: coded('male=1', 'female=2'),
		reason2: coded('work=1', 'study=2', 'other=9'),
		reason: coded('work=1', 'study=2', 'military=3', 'other=9')
	}
);
// v3 renames the sex list and recodes nothing.
const v3 = compiledVersion('v3', [q.selectOne('consent', 'yesno'), repeat('member', [q.selectOne('m_sex', 'sex3')])], {
	yesno: coded('yes=1', 'no=0'),
	sex3: coded('male=1', 'female=2', 'other=3')
});

describe('choiceCode: the code of an answer value across versions', () => {
	it('takes the code from the newest version whose list for that question codes the value', () => {
		expect(choiceCode([v1, v2], 'consent', 'yes', 'v1')).toBe(1);
		expect(choiceCode([v1, v2], 'consent', 'no', 'v1')).toBe(0);
		expect(choiceCode([v1, v2, v3], 'm_sex', 'female', 'v1')).toBe(2);
		expect(choiceCode([v1, v2, v3], 'm_sex', 'female')).toBe(2);
		expect(choiceCode([v1, v2, v3], 'm_reason', 'study', 'v1')).toBe(2);
	});

	it('uses the newest: a value only a later version codes gets that code', () => {
		expect(choiceCode([v1, v2, v3], 'm_sex', 'other', 'v3')).toBe(3);
		expect(choiceCode([v1, v2], 'm_sex', 'other', 'v1')).toBeUndefined();
	});

	it("falls back to the list of the same name as the answer's version used, in a newer version", () => {
		// m_works is gone in v2, but its list yesno is there, coded.
		expect(choiceCode([v1, v2], 'm_works', 'yes', 'v1')).toBe(1);
		expect(choiceCode([v1, v2], 'm_works', 'no')).toBe(0);
		// v2's m_reason list (reason2) has no "military"; v1's list "reason" in v2 has it.
		expect(choiceCode([v1, v2], 'm_reason', 'military', 'v1')).toBe(3);
	});

	it('is undefined where no version codes the value: no list codes it, unknown question or value', () => {
		expect(choiceCode([v1, v2], 'tenure', 'own', 'v1')).toBeUndefined();
		expect(choiceCode([v1], 'consent', 'yes', 'v1')).toBeUndefined();
		expect(choiceCode([v1, v2], 'nothing', 'yes', 'v1')).toBeUndefined();
		expect(choiceCode([v1, v2], 'consent', 'maybe', 'v1')).toBeUndefined();
		// The fallback follows the answer's own version: v3 has no m_reason, so nothing to fall back on;
		// and it looks only at versions newer than that one.
		expect(choiceCode([v1, v2, v3], 'm_reason', 'military', 'v1')).toBe(3);
		expect(choiceCode([v1, v2, v3], 'm_reason', 'military', 'v3')).toBeUndefined();
		expect(choiceCode([v2, v1], 'm_works', 'yes', 'v1')).toBeUndefined();
	});
});

describe('the household questionnaire', () => {
	it('every answer a 2026-12-01 select question can hold exports through a code of a later version', () => {
		const versions = builtIn.filter((f) => f.definition.id === 'household_migration');
		const first = versions.find((f) => f.definition.version === '2026-12-01')!;
		const missing: string[] = [];
		let checked = 0;
		for (const node of first.nodes.values()) {
			const item = node.item;
			if (item.type !== 'select_one' && item.type !== 'select_multiple') continue;
			for (const choice of first.definition.choices[item.choices!]) {
				checked++;
				if (choiceCode(versions, item.name, choice.value, '2026-12-01') === undefined) missing.push(`${item.name} = ${choice.value}`);
			}
		}
		expect(checked).toBeGreaterThan(300);
		expect(missing).toEqual([]);
	});
});
