import { describe, expect, it } from 'vitest';
import { deviceView } from './devices';

const report = { deviceId: 'tab-1', enumeratorId: 'e1', enumerator: 'Anna', waiting: 2, drafts: 1, appVersion: 'v1' };

describe("a tablet's report on the desk", () => {
	it('is silent after more than two days without a report, not before', () => {
		const now = new Date('2026-12-03T12:00:00.000Z');
		expect(deviceView({ ...report, reportedAt: '2026-12-01T12:00:00.000Z' }, now).silent).toBe(false);
		expect(deviceView({ ...report, reportedAt: '2026-12-01T11:59:59.000Z' }, now).silent).toBe(true);
		expect(deviceView({ ...report, reportedAt: '2026-12-03T11:00:00.000Z' }, now)).toEqual({
			...report,
			reportedAt: '2026-12-03T11:00:00.000Z',
			silent: false
		});
	});
});
