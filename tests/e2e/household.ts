/**
 * One household of the Martuni questionnaire, written once as data (question NAME → choice
 * CODE or typed value, a member link by the member's name), for the newest built-in version
 * (2026-12-15), and the driver bound to that version (tests/e2e/form-driver.ts).
 */
import { DK, FormDriver, linkTo, REFUSED, type Household } from './form-driver';

export { DK, REFUSED, finalize, linkTo, split, t, FormDriver } from './form-driver';
export type { Answers, Household, Link, Location, Value } from './form-driver';

/** The newest built-in questionnaire, with the deployment settings every test server is given. */
export const driver = new FormDriver();
export const { labelOf, choiceLabel, householdAnswers, questionsAfter, answerScreen, interview } = driver;
export const expectedRow = driver.expectedRow.bind(driver);

/** A date `days` before today, as a date input takes it. */
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

/** Where the dwelling is: Martuni district's Armenian town of refuge, as a tablet's GPS gives it. */
export const DWELLING = { lat: 40.1536, lon: 44.5383, accuracy: 9 };

/**
 * A household of four in Armenia, displaced from Martuni town in 2023: the head Samvel in
 * Krasnodar since 1995, who stopped sending money in 2021 and was last home in August 2020;
 * his wife Anahit (the respondent, and the woman of module F, whose husband the roster
 * names); their son Vardan in Moscow, who sends money every month to his mother; their
 * daughter Lilit, 12. Samvel's father and Anahit's father went for seasonal work in Soviet times.
 */
export function household(place: string): Household {
	return {
		interview: { site_type: 'armenia', settlement: 'other', settlement_other: place },
		consent_block: { consent: 'yes', gps: DWELLING },
		respondent: {
			resp_sex: 'female',
			resp_age: '47',
			resp_rel_head: 'spouse',
			hh_origin: 'martuni_town',
			hh_origin_place: 'martuni_town',
			hh_left_year: '2023',
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
				m_away_reason: 'work',
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
				mig_last_visit_month: '8',
				mig_visit_barriers: ['travel_cost', 'cannot_afford'],
				mig_contact: 'rarely',
				mig_family_join: 'no',
				rem_freq: 'never',
				rem_goods: 'no',
				rem_ever: 'yes',
				rem_stop_year: '2021',
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
				m_returned: 'no',
				m_husband_away: 'yes',
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
				m_away_reason: 'work',
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
				mig_last_visit_month: '6',
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
				rem_recipient: linkTo('Anahit'),
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
		soviet: {
			sov_seasonal: 'yes',
			sov_worker: [
				{
					sov_w_rel: 'parent',
					sov_w_decades: ['d1970s', 'd1980s'],
					sov_w_dest: ['russia', 'kazakhstan'],
					sov_w_work: 'construction',
					sov_w_seasons: '6'
				},
				{ sov_w_rel: 'parent_in_law', sov_w_decades: ['d1980s'], sov_w_dest: ['siberia'], sov_w_work: 'agriculture', sov_w_seasons: '2' }
			]
		},
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
		women_intro: { f_resp: linkTo('Anahit'), f_privacy: 'yes', f_consent: 'yes' },
		women: {
			f_husband_away: 'yes',
			f_husband: linkTo('Samvel'),
			f_husband_years: '7',
			f_contact: 'rarely',
			f_self_view: 'no',
			f_strategies: ['own_work', 'husband_kin', 'eating_less'],
			f_decides_spending: 'self',
			f_decides_large: 'husband_phone',
			f_decides_health: 'her_parents',
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
			g_list2_count: '3',
			g_draft_avoid: 'some',
			g_emigrate_plan: 'yes_temporary',
			g_emigrate_reason: 'war',
			g_close_rel_abroad: 'yes'
		},
		observations: { h_private: ['nobody'], h_cooperation: 'good', h_notes: 'Calm; the son called during the interview.' }
	};
}
