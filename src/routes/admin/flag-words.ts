/** A data-quality flag and its reason in the supervisor's language (the questionnaire's labels in it when the form has it), from the numbers the server gave with it. */
import type { QualityFlag } from '$lib/wire';
import type { Language } from '$lib/form';
import { formatNumber } from '$lib/i18n/format';
import { textIn } from '$lib/form/text';
import type { AdminMessageKey } from '$lib/i18n';

type Ta = (key: AdminMessageKey, params?: Record<string, string | number>) => string;

export const flagLabel = (ta: Ta, flag: QualityFlag['flag']): string => ta(`flag_${flag}`);

export function flagReason(ta: Ta, f: QualityFlag, lang: Language): string {
	const n = (value: number) => formatNumber(value, lang);
	switch (f.flag) {
		case 'speeder':
			return ta('reason_speeder', { minutes: n(f.minutes), threshold: n(f.threshold) });
		case 'straightLining':
			return ta('reason_straightLining', { items: n(f.items), list: f.list, screen: textIn(f.screenLabel, lang) || f.screen });
		case 'dontKnow':
			return ta('reason_dontKnow', { count: n(f.count), threshold: n(f.threshold) });
		case 'duplicate':
			return ta('reason_duplicate', { others: f.others.join(', ') });
		case 'location':
			if (f.missing || f.km === null) return ta('reason_location_missing');
			return ta('reason_location_far', {
				km: n(f.km),
				place: textIn(f.placeLabel, lang) || (f.place ?? '—'),
				threshold: n(f.threshold ?? 0)
			});
		case 'answerChanges':
			return ta('reason_answerChanges', { question: textIn(f.label, lang) || f.question, times: n(f.times), threshold: n(f.threshold) });
	}
}
