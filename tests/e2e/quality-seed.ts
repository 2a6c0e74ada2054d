/**
 * Households of questionnaire version 2026-12-15 for the data-quality tests, as a tablet sends
 * them: broken off after the roster (so the rest may be missing), each with an audit log whose
 * time on screens is `minutes`, and a roster of its own names (so only the pairs sent as twins
 * share a household signature).
 */
const at = (start: number, minute: number) => new Date(start + minute * 60_000).toISOString();
const key = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

export function brokenOffHousehold(minutes: number, names: [string, string], day = 10) {
	const start = Date.UTC(2026, 11, day, 9, 0);
	const member = (n: number, name: string, sex: string, age: number, relation: string) => ({
		_key: key(n),
		m_name: name,
		m_sex: sex,
		m_age: age,
		m_rel_head: relation,
		m_marital: 'married_civil',
		m_educ: 'secondary',
		m_activity: 'employed',
		m_away: 'no',
		m_months_away: 0,
		m_returned: 'no',
		m_refugee: 'no'
	});
	return {
		id: crypto.randomUUID(),
		formId: 'household_migration',
		formVersion: '2026-12-15',
		deviceId: 'quality-test',
		startedAt: at(start, 0),
		finalizedAt: at(start, minutes),
		language: 'en',
		answers: {
			site_type: 'armenia',
			settlement: 'yerevan',
			consent: 'yes',
			gps: { no_fix: 'indoors' },
			resp_sex: 'female',
			resp_age: 38,
			resp_rel_head: 'spouse',
			hh_origin: 'armenia',
			hh_forced_move: 'no',
			member: [member(1, names[0], 'male', 45, 'head'), member(2, names[1], 'female', 40, 'spouse')]
		},
		meta: {
			referenceDate: at(start, 0).slice(0, 10),
			breakOff: { at: 'roster_check', reason: 'called away' },
			events: [
				{ t: at(start, 0), type: 'start' },
				{ t: at(start, minutes / 2), type: 'answer', path: 'consent', value: 'yes', screen: 'consent_block' },
				{ t: at(start, minutes), type: 'break_off', reason: 'called away' }
			]
		}
	};
}
