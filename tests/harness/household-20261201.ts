/**
 * The household of the end-to-end test on questionnaire version 2026-12-01, as
 * tests/e2e/household.ts described it at commit ddbb01f (before the interview-screen work of
 * issue 12): the answers the tap harness (taps.test.ts) gives on that version, to the build of
 * that time and to today's, so both are counted on the same interview. Links to members are
 * typed line numbers in that version (rem_receiver, f_resp_line, f_husband_line).
 */
import { DK, REFUSED, type Household } from '../e2e/form-driver';

/** A date `days` before today, as a date input takes it. */
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

/**
 * A household of four in Armenia, displaced from Martuni town in 2023: the head Samvel in
 * Krasnodar since 1995 who stopped sending money and has not been home since 2020; his wife
 * Anahit (the respondent, and the woman of module F); their son Vardan in Moscow, who sends
 * money every month; their daughter Lilit, 12.
 */
export function household(place: string): Household {
	return {
		interview: { site_type: 'armenia', settlement: 'other', settlement_other: place },
		consent_block: { consent: 'yes' },
		respondent: {
			resp_sex: 'female',
			resp_age: '47',
			resp_rel_head: 'spouse',
			hh_origin: 'martuni_town',
			hh_moved_year: '2023',
			hh_forced_move: 'yes',
			hh_forced_from: ['exodus_2023']
		},
		member: [
			{
				m_name: 'Samvel',
				m_sex: 'male',
				m_age: '50',
				m_rel_head: 'head',
				m_marital: 'married_civil',
				m_educ: 'secondary',
				m_activity: 'employed',
				m_away: 'yes',
				m_months_away: '12',
				m_refugee: 'no',
				mig_dest_country: 'russia',
				mig_dest_city: 'krasnodar',
				mig_year_first: '1995',
				mig_year_last: '2019',
				mig_months_abroad: '12',
				mig_expect_return: DK,
				mig_reasons: ['no_work', 'war'],
				mig_reason_main: 'no_work',
				mig_reason_second: 'war',
				mig_sector: 'construction',
				mig_legal: 'residence',
				mig_cost_paid_by: ['borrowed'],
				mig_visits: 'less_often',
				mig_last_visit_year: '2020',
				mig_visit_barriers: ['travel_cost', 'cannot_afford'],
				mig_contact: 'rarely',
				mig_family_join: 'no',
				rem_freq: 'never',
				rem_goods: 'no',
				rem_trend: 'stopped',
				rem_reverse: 'no'
			},
			{
				m_name: 'Anahit',
				m_sex: 'female',
				m_age: '47',
				m_rel_head: 'spouse',
				m_marital: 'married_civil',
				m_educ: 'vocational',
				m_activity: 'homemaker',
				m_away: 'no',
				m_months_away: '0',
				m_refugee: 'yes',
				m_refugee_year: '1989'
			},
			{
				m_name: 'Vardan',
				m_sex: 'male',
				m_age: '24',
				m_rel_head: 'child',
				m_marital: 'never_married',
				m_educ: 'higher',
				m_activity: 'employed',
				m_away: 'yes',
				m_months_away: '11',
				m_refugee: 'no',
				mig_dest_country: 'russia',
				mig_dest_city: 'moscow',
				mig_year_first: '2019',
				mig_year_last: '2023',
				mig_months_abroad: '10',
				mig_expect_return: 'yes',
				mig_reasons: ['no_work', 'nepotism'],
				mig_reason_main: 'nepotism',
				mig_reason_second: 'no_work',
				mig_sector: 'trade',
				mig_legal: 'work_permit',
				mig_cost_paid_by: ['relatives_dest'],
				mig_visits: 'once_year',
				mig_last_visit_year: '2025',
				mig_contact: 'weekly',
				mig_family_join: 'want_cannot',
				mig_join_barrier: ['cannot_afford', 'housing'],
				rem_freq: 'monthly',
				rem_goods: 'yes',
				rem_currency: 'rub',
				rem_amount: '240000',
				rem_last_amount: '20000',
				rem_last_date: daysAgo(12),
				rem_channel: ['mto', 'carried'],
				rem_goods_value: '50000',
				rem_receiver: '2',
				rem_trend: 'little_less',
				rem_reverse: 'no'
			},
			{
				m_name: 'Lilit',
				m_sex: 'female',
				m_age: '12',
				m_rel_head: 'child',
				m_educ: 'basic',
				m_away: 'no',
				m_months_away: '0',
				m_refugee: 'no'
			}
		],
		roster_check: { roster_ok: 'yes' },
		soviet: { sov_seasonal: 'yes', sov_dest: ['russia', 'kazakhstan'], sov_seasons: '6' },
		remittances: {
			rem_any: 'yes',
			rem_uses: ['food', 'debts', 'health'],
			help_kin_in: 'yes',
			help_kin_in_kind: ['money', 'goods'],
			help_kin_in_tie: ['close_relative'],
			help_kin_abr: 'yes',
			help_kin_abr_kind: ['money', 'find_work'],
			help_kin_abr_tie: ['distant_relative'],
			help_kin_frn: 'yes',
			help_kin_frn_kind: ['goods'],
			help_kin_frn_tie: ['neighbour', 'fellow_villager'],
			help_expect_rel_in: 'likely',
			help_expect_rel_abr: 'unlikely',
			help_expect_friends: 'neutral',
			help_expect_neighbours: REFUSED
		},
		economy: {
			inc_sources: ['wages', 'remittances', 'relatives', 'humanitarian'],
			hh_income_band: 'amd_2',
			land_ha: '0.5',
			livestock: 'yes',
			debt: 'yes',
			assets_sold: 'no',
			food_reduced: 'sometimes',
			econ_ladder: 'food_only',
			job_factor: 'connections'
		},
		women_intro: { f_privacy: 'yes', f_resp_line: '2', f_consent: 'yes' },
		women: {
			f_husband_away: 'yes',
			f_husband_line: '1',
			f_husband_years: '7',
			f_contact: 'rarely',
			f_self_view: 'no',
			f_strategies: ['own_work', 'husband_kin', 'eating_less'],
			f_decides_spending: 'self',
			f_decides_large: 'husband_phone',
			f_decides_health: 'self',
			f_decides_visits: 'in_law',
			f_tasks_new: ['officials', 'bills', 'repairs'],
			f_inlaw_supervision: 'agree',
			f_work_accept: ['market', 'care'],
			f_work_away: ['cleaning', 'cafe'],
			f_role_change: 'agree_strongly',
			f_would_migrate: DK
		},
		security: {
			g_war_fear: 'rather_likely',
			g_military: 'no',
			g_privacy: 'yes',
			g_list_count: '3',
			g_draft_avoid: 'some',
			g_emigrate_plan: 'yes_temporary',
			g_emigrate_reason: 'war',
			g_close_rel_abroad: 'yes'
		},
		observations: { h_private: ['nobody'], h_cooperation: 'good', h_notes: 'Calm; the son called during the interview.' }
	};
}
