import { describe, expect, it } from 'vitest';
import type { Interview } from './db';
import { oldestUnsent, storageWarnings } from './storage';
import { megabytes } from './storage-usage';

const now = new Date('2026-12-10T12:00:00Z');
const daysAgo = (days: number, minutes = 0) => new Date(now.getTime() - days * 24 * 3600_000 - minutes * 60_000).toISOString();

describe('storageWarnings', () => {
	it('warns when the browser says the data may be cleared, not when it keeps it or cannot say', () => {
		expect(storageWarnings({ persisted: false, oldestUnsent: undefined, now })).toEqual(['not_persistent']);
		expect(storageWarnings({ persisted: true, oldestUnsent: undefined, now })).toEqual([]);
		expect(storageWarnings({ persisted: undefined, oldestUnsent: undefined, now })).toEqual([]);
	});

	it('warns when a finalized interview has waited more than 3 days, not at 3 days or less', () => {
		expect(storageWarnings({ persisted: true, oldestUnsent: daysAgo(3, 1), now })).toEqual(['old_unsent']);
		expect(storageWarnings({ persisted: true, oldestUnsent: daysAgo(3), now })).toEqual([]);
		expect(storageWarnings({ persisted: true, oldestUnsent: daysAgo(1), now })).toEqual([]);
	});

	it('gives both warnings together', () => {
		expect(storageWarnings({ persisted: false, oldestUnsent: daysAgo(10), now })).toEqual(['not_persistent', 'old_unsent']);
	});
});

describe('oldestUnsent', () => {
	const interview = (status: Interview['status'], finalizedAt: string | undefined, updatedAt = daysAgo(0)) =>
		({ id: crypto.randomUUID(), status, finalizedAt, updatedAt }) as Interview;

	it('is the earliest finalizedAt among finalized interviews; drafts and sent ones do not count', () => {
		expect(
			oldestUnsent([
				interview('sent', daysAgo(20)),
				interview('finalized', daysAgo(2)),
				interview('draft', undefined, daysAgo(30)),
				interview('finalized', daysAgo(5)),
				interview('finalized', daysAgo(4))
			])
		).toBe(daysAgo(5));
	});

	it('falls back to the last change of a finalized interview stored without finalizedAt; nothing waiting is undefined', () => {
		expect(oldestUnsent([interview('finalized', undefined, daysAgo(6)), interview('finalized', daysAgo(1))])).toBe(daysAgo(6));
		expect(oldestUnsent([interview('sent', daysAgo(9)), interview('draft', undefined)])).toBeUndefined();
		expect(oldestUnsent([])).toBeUndefined();
	});
});

describe('megabytes', () => {
	it('is 2^20 bytes, one decimal', () => {
		expect(megabytes(0)).toBe(0);
		expect(megabytes(1024 * 1024)).toBe(1);
		expect(megabytes(1.26 * 1024 * 1024)).toBe(1.3);
		expect(megabytes(300 * 1024 * 1024 * 1024)).toBe(307200);
	});
});
