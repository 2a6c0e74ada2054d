/**
 * What the codebook says about the export's own columns: KEY, PARENT_KEY and the
 * interview's details after KEY in the households table (`detailColumns` in csv.ts).
 * English only, like the rest of the codebook's explanations.
 */
import type { detailColumns } from './csv';

export interface Documented {
	/** What a cell holds: text, datetime (ISO 8601), date (YYYY-MM-DD), integer. */
	type: string;
	/** The variable label, at most 80 characters. */
	short: string;
	/** Value labels in English, "value=label; …", when the values form a closed set. */
	values?: string;
	meaning: string;
}

/**
 * Every detail column. `enumerator_sex` is named here as well as in the union so that its
 * documentation exists before and after csv.ts exports it; the codebook lists the columns in
 * `detailColumns` order, and its test fails on a detail column documented nowhere.
 */
export const detailDocs: Record<(typeof detailColumns)[number] | 'enumerator_sex', Documented> = {
	submitted_at: {
		type: 'datetime',
		short: 'When the server received the interview (UTC)',
		meaning: 'When the server first stored the interview (ISO 8601, UTC). A resent copy does not change it.'
	},
	started_at: {
		type: 'datetime',
		short: 'When the interview was started on the tablet',
		meaning: "When the interviewer started the interview, by the tablet's clock (ISO 8601 with its offset)."
	},
	finalized_at: {
		type: 'datetime',
		short: 'When the interview was finalized on the tablet',
		meaning: "When the interviewer finalized (or broke off) the interview, by the tablet's clock (ISO 8601 with its offset)."
	},
	reference_date: {
		type: 'date',
		short: 'Interview date used for "today" and "the last 12 months"',
		meaning:
			'The interview date on the tablet (YYYY-MM-DD): today() in calculations reads it and "the last 12 months" end there. Empty for interviews from tablets of the first release (their started_at date was used).'
	},
	language: {
		type: 'text',
		short: 'Language of the interview',
		values: 'hy=Armenian; ru=Russian; en=English',
		meaning: 'The language the questionnaire was shown in when the interview was finalized.'
	},
	form_version: {
		type: 'text',
		short: 'Questionnaire version of the interview',
		meaning: 'The version of the questionnaire the interview was made with (see the versions column of each variable).'
	},
	device_id: {
		type: 'text',
		short: 'Tablet id',
		meaning: 'An id the app gives the tablet (its browser profile) the first time it starts: interviews made on one tablet share it.'
	},
	enumerator_id: {
		type: 'text',
		short: 'Interviewer id',
		meaning: 'The id of the interviewer account whose token sent the interview; empty when none did.'
	},
	enumerator: {
		type: 'text',
		short: 'Interviewer name',
		meaning: "The interviewer's name, as the list of interviewers has it when the export is made."
	},
	enumerator_sex: {
		type: 'text',
		short: 'Interviewer sex',
		values: 'female=Female; male=Male',
		meaning:
			"The interviewer's sex as recorded when the interview arrived (interviewer effects on sensitive items); empty for interviewers created before it was asked."
	},
	break_off: {
		type: 'integer',
		short: 'Interview broken off',
		values: '1=broken off (the respondent stopped); 0=completed',
		meaning: 'Whether the interview stopped before the end. Questions after the stop are empty, or -9 with Caucasus Barometer codes.'
	},
	break_off_at: {
		type: 'text',
		short: 'Screen where the interview was broken off',
		meaning: 'The name of the screen (module) the interviewer was on when the respondent stopped; empty when completed.'
	},
	break_off_reason: {
		type: 'text',
		short: 'Why the interview was broken off',
		meaning: 'The reason the interviewer wrote when the respondent stopped; empty when completed.'
	},
	instance_name: {
		type: 'text',
		short: 'Name of the interview',
		meaning:
			"The interview's name as the tablet shows it: the definition's instance_name over the answers, choice labels in the interview's language."
	}
};
