/**
 * Sample answers of household_migration for tests on both sides: builders of a consenting
 * household, roster members, and one complete interview that leaves no issue.
 */
/** A consenting household in Armenia, answered up to (not including) the roster. */
export function household(extra: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		site_type: 'armenia',
		settlement: 'yerevan',
		consent: 'yes',
		resp_sex: 'female',
		resp_age: 38,
		resp_rel_head: 'spouse',
		hh_origin: 'martuni_town',
		hh_moved_year: 2023,
		hh_forced_move: 'yes',
		hh_forced_from: ['exodus_2023'],
		...extra
	};
}

export const head = {
	m_name: 'Arsen',
	m_sex: 'male',
	m_age: 45,
	m_rel_head: 'head',
	m_marital: 'married_civil',
	m_educ: 'secondary',
	m_activity: 'employed',
	m_away: 'no',
	m_months_away: 0,
	m_refugee: 'no'
};
export const wife = {
	m_name: 'Anahit',
	m_sex: 'female',
	m_age: 40,
	m_rel_head: 'spouse',
	m_marital: 'married_civil',
	m_educ: 'higher',
	m_activity: 'homemaker',
	m_away: 'no',
	m_months_away: 0,
	m_refugee: 'no'
};
export const son = {
	m_name: 'Gor',
	m_sex: 'male',
	m_age: 14,
	m_rel_head: 'child',
	m_educ: 'basic',
	m_away: 'no',
	m_months_away: 0,
	m_refugee: 'no'
};

/** A member away in Moscow, with every migration and remittance question answered (in the member's migrant entry). */
export function migrant(extra: Record<string, unknown> = {}): Record<string, unknown> {
	const all: Record<string, unknown> = {
		m_name: 'Karen',
		m_sex: 'male',
		m_age: 40,
		m_rel_head: 'head',
		m_marital: 'married_religious',
		m_educ: 'vocational',
		m_activity: 'employed',
		m_away: 'yes',
		m_months_away: 12,
		m_refugee: 'no',
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
		mig_visit_barriers: ['travel_cost', 'job_loss'],
		mig_contact: 'monthly',
		mig_family_join: 'want_cannot',
		mig_join_barrier: ['cannot_afford'],
		rem_freq: 'never',
		rem_goods: 'no',
		rem_trend: 'stopped',
		rem_reverse: 'no',
		...extra
	};
	const entry = Object.fromEntries(Object.entries(all).filter(([k]) => /^(mig|rem)_/.test(k)));
	const member = Object.fromEntries(Object.entries(all).filter(([k]) => !/^(mig|rem)_/.test(k)));
	return { ...member, migrant: [entry] };
}

/** A refusal at consent: the shortest complete interview. */
export const refusal = (): Record<string, unknown> => ({ site_type: 'armenia', settlement: 'yerevan', consent: 'no' });

/** A household of four, one son away in Moscow sending money monthly: every module answered, no issue left. */
export function completeHousehold(): Record<string, unknown> {
	return household({
		member: [
			head,
			wife,
			son,
			migrant({
				m_name: 'Vardan',
				m_age: 22,
				m_rel_head: 'child',
				m_marital: 'never_married',
				rem_freq: 'monthly',
				rem_goods: 'yes',
				rem_currency: 'rub',
				rem_amount: 240000,
				rem_last_amount: 20000,
				rem_last_date: '2026-11-10',
				rem_channel: ['bank'],
				rem_goods_value: 15000,
				rem_receiver: 2,
				rem_trend: 'same'
			})
		],
		roster_ok: 'yes',
		sov_seasonal: 'yes',
		sov_dest: ['russia', 'kazakhstan'],
		sov_seasons: 6,
		rem_any: 'yes',
		rem_uses: ['food', 'utilities', 'debts'],
		help_kin_in: 'yes',
		help_kin_in_kind: ['money'],
		help_kin_in_tie: ['close_relative'],
		help_kin_abr: 'no',
		help_kin_frn: 'no',
		help_expect_rel_in: 'likely',
		help_expect_rel_abr: 'unlikely',
		help_expect_friends: 'unlikely',
		help_expect_neighbours: 'not_at_all',
		inc_sources: ['wages', 'remittances', 'benefits'],
		hh_income_band: 'amd_3',
		land_ha: 0,
		livestock: 'no',
		debt: 'yes',
		assets_sold: 'no',
		food_reduced: 'sometimes',
		econ_ladder: 'food_only',
		job_factor: 'connections',
		f_privacy: 'yes',
		f_resp_line: 2,
		f_consent: 'yes',
		f_husband_away: 'no',
		f_strategies: ['own_kin', 'borrowing'],
		f_decides_spending: 'self',
		f_decides_large: 'joint',
		f_decides_health: 'self',
		f_decides_visits: 'joint',
		f_inlaw_supervision: 'disagree',
		f_work_accept: ['market'],
		f_work_away: ['cleaning', 'cafe'],
		f_role_change: 'agree',
		f_would_migrate: 'no',
		g_war_fear: 'rather_likely',
		g_military: 'no',
		g_privacy: 'yes',
		g_list_draw: 0.7,
		g_list_count: 2,
		g_draft_avoid: 'some',
		g_emigrate_plan: 'no',
		g_close_rel_abroad: 'yes',
		h_private: ['nobody'],
		h_cooperation: 'good'
	});
}
