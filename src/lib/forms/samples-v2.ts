/**
 * Sample answers of household_migration 2026-12-15 (version 2) for tests: a consenting
 * household and roster members, every repeat entry with its `_key` (version 2 has member
 * links, so every entry needs one).
 */
import { ENTRY_KEY } from '../form';

/** A fixed, valid entry key: key(1) = "00000000-0000-4000-8000-000000000001". */
export const key = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** A consenting household in Armenia, displaced from Martuni town in 2023, answered up to the roster. */
export function household2(extra: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		site_type: 'armenia',
		settlement: 'yerevan',
		consent: 'yes',
		gps: { lat: 40.18, lon: 44.51, accuracy: 12 },
		resp_sex: 'female',
		resp_age: 38,
		resp_rel_head: 'spouse',
		hh_origin: 'martuni_town',
		hh_origin_place: 'martuni_town',
		hh_left_year: 2023,
		hh_moved_year: 2023,
		hh_forced_move: 'yes',
		hh_forced_from: ['exodus_2023'],
		...extra
	};
}

type Entry = Record<string, unknown>;

/** A roster member with its key. */
export const member = (n: number, answers: Entry): Entry => ({ [ENTRY_KEY]: key(n), ...answers });

export const head2 = (extra: Entry = {}): Entry =>
	member(1, {
		m_name: 'Arsen',
		m_sex: 'male',
		m_age: 45,
		m_rel_head: 'head',
		m_marital: 'married_civil',
		m_educ: 'secondary',
		m_activity: 'employed',
		m_away: 'no',
		m_months_away: 0,
		m_returned: 'no',
		m_refugee: 'no',
		...extra
	});

export const wife2 = (extra: Entry = {}): Entry =>
	member(2, {
		m_name: 'Anahit',
		m_sex: 'female',
		m_age: 40,
		m_rel_head: 'spouse',
		m_marital: 'married_civil',
		m_educ: 'higher',
		m_activity: 'homemaker',
		m_away: 'no',
		m_months_away: 0,
		m_returned: 'no',
		m_husband_away: 'no',
		m_refugee: 'no',
		...extra
	});

export const son2 = (extra: Entry = {}): Entry =>
	member(3, {
		m_name: 'Gor',
		m_sex: 'male',
		m_age: 14,
		m_rel_head: 'child',
		m_educ: 'basic',
		m_away: 'no',
		m_months_away: 0,
		m_refugee: 'no',
		...extra
	});

/** Migration and remittance answers of a man in Moscow who has stopped sending money. */
const migrantEntry: Entry = {
	mig_dest_country: 'russia',
	mig_dest_city: 'moscow',
	mig_year_first: 2012,
	mig_year_last: 2021,
	mig_months_abroad: 12,
	mig_expect_return: 'no',
	mig_reasons: ['no_work', 'war'],
	mig_reason_main: 'no_work',
	mig_reason_second: 'war',
	mig_sector: 'construction',
	mig_legal: 'work_permit',
	mig_cost_paid_by: ['borrowed'],
	mig_visits: 'less_often',
	mig_last_visit_year: 2022,
	mig_last_visit_month: 8,
	mig_visit_barriers: ['travel_cost', 'job_loss'],
	mig_contact: 'monthly',
	mig_family_join: 'want_cannot',
	mig_join_barrier: ['cannot_afford'],
	rem_freq: 'never',
	rem_goods: 'no',
	rem_ever: 'yes',
	rem_stop_year: 2024,
	rem_reverse: 'no'
};

const migrantKeys = new Set([
	...Object.keys(migrantEntry),
	'rem_currency',
	'rem_amount',
	'rem_last_amount',
	'rem_last_date',
	'rem_channel',
	'rem_goods_value',
	'rem_recipient',
	'rem_trend',
	'mig_dest_city_other'
]);

/**
 * A member away in Moscow for work (key number `n`), with every migration and remittance
 * question answered in the member's migrant entry; `extra` may hold answers of either.
 */
export function migrant2(n: number, extra: Entry = {}): Entry {
	const all: Entry = {
		m_name: 'Karen',
		m_sex: 'male',
		m_age: 40,
		m_rel_head: 'head',
		m_marital: 'married_religious',
		m_educ: 'vocational',
		m_activity: 'employed',
		m_away: 'yes',
		m_months_away: 12,
		m_away_reason: 'work',
		m_refugee: 'no',
		...migrantEntry,
		...extra
	};
	const entry = Object.fromEntries(Object.entries(all).filter(([k]) => migrantKeys.has(k) || /^(mig|rem)_/.test(k)));
	const rest = Object.fromEntries(Object.entries(all).filter(([k]) => !(migrantKeys.has(k) || /^(mig|rem)_/.test(k))));
	return member(n, { ...rest, migrant: [{ [ENTRY_KEY]: key(100 + n), ...entry }] });
}

/** Everything after the roster for a household with no woman in module F and nothing sensitive asked. */
export function restOfInterview(extra: Entry = {}): Entry {
	return {
		roster_ok: 'yes',
		sov_seasonal: 'no',
		rem_any: 'no',
		help_kin_in: 'no',
		help_kin_abr: 'no',
		help_kin_frn: 'no',
		help_expect_rel_in: 'likely',
		help_expect_rel_abr: 'unlikely',
		help_expect_friends: 'neutral',
		help_expect_neighbours: 'not_at_all',
		inc_sources: ['pension'],
		hh_income_band: 'amd_2',
		land_ha: 0,
		livestock: 'no',
		debt: 'no',
		assets_sold: 'no',
		food_reduced: 'sometimes',
		econ_ladder: 'food_only',
		job_factor: 'connections',
		g_war_fear: 'rather_likely',
		g_military: 'no',
		g_privacy: 'no',
		g_emigrate_plan: 'no',
		g_close_rel_abroad: 'no',
		h_cooperation: 'good',
		...extra
	};
}
