import { describe, expect, it } from 'vitest';
import { coded, compiledVersion, group, q, repeat } from '$lib/form/testing';
import { compatibilityProblems } from './form-compat';

const v1 = compiledVersion(
	'v1',
	[
		group('intro', [q.selectOne('consent', 'yesno'), q.integer('age')]),
		repeat('member', [q.text('m_name'), q.selectOne('m_sex', 'sex'), q.selectMultiple('m_reason', 'reason')])
	],
	{ yesno: coded('yes', 'no'), sex: coded('male=1', 'female=2'), reason: coded('work=1', 'study=2', 'military=3') }
);

describe('what a new version may not change', () => {
	it('accepts a version that adds questions and codes, drops values, and keeps every type and code', () => {
		const v2 = compiledVersion(
			'v2',
			[
				group('intro', [q.selectOne('consent', 'yesno'), q.integer('age'), q.text('visit_note')]),
				repeat('member', [q.text('m_name'), q.selectOne('m_sex', 'sex'), q.selectMultiple('m_reason', 'reason2')])
			],
			// consent gets codes where v1 had none; military is gone; reason is now list reason2 with the same codes.
			{ yesno: coded('yes=1', 'no=0'), sex: coded('male=1', 'female=2'), reason2: coded('work=1', 'study=2', 'other=9') }
		);
		expect(compatibilityProblems([v1], v2)).toEqual([]);
		expect(compatibilityProblems([], v2)).toEqual([]);
		expect(compatibilityProblems([v1, v2], v2)).toEqual([]);
	});

	it('refuses a question given another type, with where it is and which version had the old one', () => {
		const v2 = compiledVersion(
			'v2',
			[
				group('intro', [q.selectOne('consent', 'yesno'), q.text('age')]),
				repeat('member', [q.text('m_name'), q.selectOne('m_sex', 'sex'), q.selectOne('m_reason', 'reason')])
			],
			{ yesno: coded('yes', 'no'), sex: coded('male=1', 'female=2'), reason: coded('work=1', 'study=2', 'military=3') }
		);
		expect(compatibilityProblems([v1], v2)).toEqual([
			{ path: 'items.0.items.1.type', message: expect.stringMatching(/"age" has type integer in version "v1".*keeps its type/) },
			{ path: 'items.1.items.2.type', message: expect.stringMatching(/"m_reason" has type select_multiple in version "v1"/) }
		]);
	});

	it('refuses a choice value given another code than any earlier version gave it', () => {
		const v2 = compiledVersion(
			'v2',
			[group('intro', [q.selectOne('consent', 'yesno'), q.integer('age')]), repeat('member', [q.selectOne('m_sex', 'sex')])],
			{ yesno: coded('yes=1', 'no=2'), sex: coded('female=1', 'male=2') }
		);
		expect(compatibilityProblems([v1], v2)).toEqual([
			{ path: 'choices.sex.0.code', message: expect.stringMatching(/"m_sex": the value "female" has code 2 in version "v1".*here 1/) },
			{ path: 'choices.sex.1.code', message: expect.stringMatching(/"m_sex": the value "male" has code 1 in version "v1".*here 2/) }
		]);
		// Against a version in between that coded consent, a later recoding of consent is refused too.
		const v3 = compiledVersion('v3', [group('intro', [q.selectOne('consent', 'yesno')])], { yesno: coded('yes=1', 'no=0') });
		expect(compatibilityProblems([v1, v2], v3)).toEqual([
			{ path: 'choices.yesno.1.code', message: expect.stringMatching(/"consent": the value "no" has code 2 in version "v2"/) }
		]);
	});

	it('compares by question: the same list under another question, or a value without a code, is no conflict', () => {
		const v2 = compiledVersion(
			'v2',
			[group('intro', [q.selectOne('consent', 'yesno'), q.selectOne('resp_sex', 'sex')]), repeat('member', [q.selectOne('m_sex', 'sex')])],
			{ yesno: coded('yes', 'no'), sex: coded('male=1', 'female=2') }
		);
		const v3 = compiledVersion('v3', [group('intro', [q.selectOne('resp_sex', 'sex2')])], { sex2: coded('female=1', 'male=2') });
		expect(compatibilityProblems([v1], v3)).toEqual([]);
		expect(compatibilityProblems([v1, v2], v3)).toHaveLength(2);
	});
});
