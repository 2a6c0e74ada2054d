import { describe, expect, it } from 'vitest';
import { MAX_ENTRIES } from './engine';
import { engineOf, group, list, q, repeat, staleness, withoutKeys } from './testing';

const choices = { sex: list('m', 'f'), yn: list('yes', 'no') };

/** A household roster: members, each with trips; counts, sums and positions across them. */
const household = [
	q.integer('hh_size', { required: true, constraint: '. = count(${member})', constraint_soft: true }),
	repeat(
		'member',
		[
			q.text('m_name', { required: true }),
			q.integer('m_age', { required: true, constraint: '. >= 0 and . <= 120' }),
			q.selectOne('m_sex', 'sex'),
			q.calculate('m_pos', 'position(..)'),
			q.calculate('m_adult', 'if(${m_age} >= 18, 1, 0)'),
			q.calculate('m_head', 'indexed-repeat(${m_name}, ${member}, 1)'),
			group('m_work', [q.text('m_job', { required: true })], { relevant: '${m_age} >= 15' }),
			repeat('trip', [
				q.text('t_dest', { required: true }),
				q.integer('t_days', { constraint: '. <= 366' }),
				q.selectOne('t_paid', 'yn', { relevant: '${m_age} >= 18' }),
				q.calculate('t_pos', 'position(..)'),
				q.calculate('t_prev', 'indexed-repeat(${t_dest}, ${trip}, position(..) - 1)')
			]),
			q.calculate('m_days', 'sum(${t_days})'),
			q.calculate('m_trips', 'count(${trip})')
		],
		{ summary: ['m_name', 'm_age'] }
	),
	q.calculate('n_members', 'count(${member})'),
	q.calculate('n_adults', 'sum(${m_adult})'),
	q.calculate('n_trips', 'count(${trip})'),
	q.calculate('days_total', 'sum(${t_days})'),
	q.calculate('oldest', 'max(${m_age})')
];

const answers = () => ({
	hh_size: 3,
	member: [
		{
			m_name: 'Aram',
			m_age: 52,
			m_sex: 'm',
			m_job: 'driver',
			trip: [
				{ t_dest: 'Moscow', t_days: 120, t_paid: 'yes' },
				{ t_dest: 'Sochi', t_days: 30 }
			]
		},
		{ m_name: 'Ani', m_age: 49, m_sex: 'f', m_job: 'teacher' },
		{ m_name: 'Lilit', m_age: 12, m_sex: 'f', trip: [{ t_dest: 'Tbilisi', t_days: 5, t_paid: 'no' }] }
	]
});

describe('a household roster with nested trips', () => {
	it('counts, sums and extremes across entries and nested entries', () => {
		const e = engineOf(household, { choices, answers: answers() });
		expect(['n_members', 'n_adults', 'n_trips', 'days_total', 'oldest'].map((n) => e.value(n))).toEqual([3, 2, 3, 155, 52]);
		expect([0, 1, 2].map((i) => [e.value('m_trips', [i]), e.value('m_days', [i])])).toEqual([
			[2, 150],
			[0, 0],
			[1, 5]
		]);
		expect(e.issue('hh_size')).toBeUndefined();
	});

	it('positions and indexed-repeat() inside entries and nested entries', () => {
		const e = engineOf(household, { choices, answers: answers() });
		expect([0, 1, 2].map((i) => e.value('m_pos', [i]))).toEqual([1, 2, 3]);
		expect([0, 1, 2].map((i) => e.value('m_head', [i]))).toEqual(['Aram', 'Aram', 'Aram']);
		expect([e.value('t_pos', [0, 0]), e.value('t_pos', [0, 1]), e.value('t_pos', [2, 0])]).toEqual([1, 2, 1]);
		expect([e.value('t_prev', [0, 0]), e.value('t_prev', [0, 1]), e.value('t_prev', [2, 0])]).toEqual([null, 'Moscow', null]);
	});

	it('relevance inside nested entries reads the enclosing entry', () => {
		const e = engineOf(household, { choices, answers: answers() });
		expect([e.relevant('t_paid', [0, 0]), e.relevant('t_paid', [2, 0])]).toEqual([true, false]);
		expect([e.relevant('m_job', [1]), e.relevant('m_job', [2])]).toEqual([true, false]);
		expect(e.issues()).toEqual([]);
	});

	it('the submission nests arrays and leaves out what does not apply', () => {
		const e = engineOf(household, { choices, answers: answers() });
		const sent = e.submission();
		expect(sent.member).toEqual([
			{
				m_name: 'Aram',
				m_age: 52,
				m_sex: 'm',
				m_pos: 1,
				m_adult: 1,
				m_head: 'Aram',
				m_job: 'driver',
				m_days: 150,
				m_trips: 2,
				trip: [
					{ t_dest: 'Moscow', t_days: 120, t_paid: 'yes', t_pos: 1 },
					{ t_dest: 'Sochi', t_days: 30, t_pos: 2, t_prev: 'Moscow' }
				]
			},
			{ m_name: 'Ani', m_age: 49, m_sex: 'f', m_pos: 2, m_adult: 1, m_head: 'Aram', m_job: 'teacher', trip: [], m_days: 0, m_trips: 0 },
			{
				m_name: 'Lilit',
				m_age: 12,
				m_sex: 'f',
				m_pos: 3,
				m_adult: 0,
				m_head: 'Aram',
				m_days: 5,
				m_trips: 1,
				trip: [{ t_dest: 'Tbilisi', t_days: 5, t_pos: 1 }]
			}
		]);
		expect(e.answers.member).toEqual(answers().member);
		expect(sent).toMatchObject({ hh_size: 3, n_members: 3, n_adults: 2, n_trips: 3, days_total: 155, oldest: 52 });
	});

	it('the head-count check warns until the roster matches', () => {
		const e = engineOf(household, { choices, answers: { ...answers(), hh_size: 4 } });
		expect(e.issue('hh_size')).toMatchObject({ kind: 'constraint', soft: true });
		e.addEntry('member');
		expect(e.issue('hh_size')).toBeUndefined();
		expect(e.issues().map((i) => e.key(i.name, i.place))).toEqual(['member.3.m_name', 'member.3.m_age']);
	});

	it('adding and removing entries, nested ones included', () => {
		const e = engineOf(household, { choices, answers: answers() });
		expect(e.addEntry('trip', [1])).toBe(0);
		e.set('t_dest', [1, 0], 'Yerevan');
		e.set('t_days', [1, 0], 2);
		expect([e.value('n_trips'), e.value('days_total'), e.value('m_trips', [1])]).toEqual([4, 157, 1]);
		e.removeEntry('member', [], 0);
		expect([e.entryCount('member'), e.value('m_head', [0]), e.value('m_pos', [1]), e.value('n_trips')]).toEqual([2, 'Ani', 2, 2]);
		expect(e.value('t_dest', [1, 0])).toBe('Tbilisi');
		expect(staleness(e)).toEqual([]);
	});

	it('an answer needs the entry of each enclosing repeat', () => {
		const e = engineOf(household, { choices, answers: answers() });
		expect(() => e.set('m_age', [], 3)).toThrow(/names no entry of member/);
		expect(e.raw('m_age', [])).toBeUndefined();
	});

	it('removing an entry moves the confirmations of later entries with them', () => {
		const form = [repeat('member', [q.integer('m_age', { constraint: '. < 100', constraint_soft: true })])];
		const e = engineOf(form, {
			answers: { member: [{ m_age: 101 }, { m_age: 30 }, { m_age: 104 }] },
			confirmed: ['member.0.m_age', 'member.2.m_age']
		});
		e.removeEntry('member', [], 0);
		expect(e.confirmations()).toEqual(['member.1.m_age']);
		expect(e.issue('m_age', [1])).toMatchObject({ confirmed: true });
		expect(e.issue('m_age', [0])).toBeUndefined();
	});
	it('removing a nested entry moves only the confirmations of its own later siblings', () => {
		const form = [repeat('member', [repeat('trip', [q.integer('t_days', { constraint: '. < 300', constraint_soft: true })])])];
		const trips = () => [{ t_days: 400 }, { t_days: 500 }];
		const confirmed = ['member.0.trip.1.t_days', 'member.1.trip.1.t_days', 'member.2.trip.0.t_days'];
		const e = engineOf(form, { answers: { member: [{ trip: trips() }, { trip: trips() }, { trip: trips() }] }, confirmed });
		e.removeEntry('trip', [0], 0);
		expect(e.confirmations().sort()).toEqual(['member.0.trip.0.t_days', 'member.1.trip.1.t_days', 'member.2.trip.0.t_days']);
		e.removeEntry('member', [], 1);
		expect(e.confirmations().sort()).toEqual(['member.0.trip.0.t_days', 'member.1.trip.0.t_days']);
	});
});

describe('count-driven repeats', () => {
	const form = [
		q.integer('n'),
		repeat('child', [q.text('c_name', { required: true }), q.text('c_school', { default: 'none' })], { count: '${n}' }),
		q.calculate('named', 'count(${child})')
	];

	it('follow their expression, keeping answers of entries no longer counted', () => {
		const e = engineOf(form, { answers: { n: 2 } });
		expect(e.entryCount('child')).toBe(2);
		e.set('c_name', [1], 'Narek');
		e.set('n', [], 1);
		expect([e.entryCount('child'), e.relevant('c_name', [1]), e.value('named')]).toEqual([1, false, 1]);
		expect(withoutKeys(e.submission().child)).toEqual([{ c_school: 'none' }]);
		expect(withoutKeys((e.answers.child as unknown[]).slice(1))).toEqual([{ c_name: 'Narek', c_school: 'none' }]);
		e.set('n', [], 2);
		expect(e.value('c_name', [1])).toBe('Narek');
		expect(staleness(e)).toEqual([]);
	});

	it('new entries get their defaults and no holes', () => {
		const e = engineOf(form, { answers: { n: 3 } });
		e.set('c_name', [2], 'Mane');
		expect(withoutKeys(e.answers.child)).toEqual([{ c_school: 'none' }, { c_school: 'none' }, { c_school: 'none', c_name: 'Mane' }]);
	});

	it('an empty, negative, fractional or huge count is clamped', () => {
		const e = engineOf(form);
		expect(e.entryCount('child')).toBe(0);
		for (const [n, count] of [
			[-3, 0],
			[2.7, 2],
			[1000, MAX_ENTRIES]
		]) {
			e.set('n', [], n);
			expect(e.entryCount('child')).toBe(count);
		}
		e.set('n', [], { special: 'dont_know' });
		expect(e.entryCount('child')).toBe(0);
	});

	it('cannot be added to or removed from by hand', () => {
		const e = engineOf(form, { answers: { n: 1 } });
		expect(() => e.addEntry('child')).toThrow(/follows an expression/);
		expect(() => e.removeEntry('child', [], 0)).toThrow(/follows an expression/);
	});

	it('nested inside a free repeat, counted per entry', () => {
		const e = engineOf(
			[
				repeat('plot', [q.integer('p_crops'), repeat('crop', [q.text('c_kind')], { count: '${p_crops}' })]),
				q.calculate('crops', 'count(${crop})')
			],
			{ answers: { plot: [{ p_crops: 2 }, { p_crops: 1 }] } }
		);
		expect([e.entryCount('crop', [0]), e.entryCount('crop', [1]), e.value('crops')]).toEqual([2, 1, 3]);
		e.set('p_crops', [1], 3);
		expect(e.value('crops')).toBe(5);
		expect(staleness(e)).toEqual([]);
	});
});

describe('repeat relevance', () => {
	it('an irrelevant repeat has no entries in the submission and no issues', () => {
		const e = engineOf(
			[
				q.selectOne('migrants', 'yn'),
				repeat('migrant', [q.text('mg_name', { required: true })], { relevant: "${migrants} = 'yes'" }),
				q.calculate('n', 'count(${migrant})')
			],
			{ choices, answers: { migrants: 'yes', migrant: [{}] } }
		);
		expect([e.issues().length, e.value('n')]).toEqual([1, 1]);
		e.set('migrants', [], 'no');
		expect([e.issues(), e.value('n'), e.submission()]).toEqual([[], 0, { migrants: 'no', n: 0 }]);
	});
});
