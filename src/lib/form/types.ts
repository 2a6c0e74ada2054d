/** Types the form engine's callers share: what is wrong with an answer. */
import type { Translated } from './schema';
import type { TypeProblem } from './values';

/** Why an answer cannot stand as it is; the engine reports it, the screens say it in words. */
export type AnswerIssue =
	| { kind: 'required' }
	| { kind: 'type'; code: TypeProblem }
	| { kind: 'constraint'; soft: boolean; confirmed: boolean; message?: Translated }
	/** Over a limit of the definition: a text's max_length, a repeat's max_entries. */
	| { kind: 'limit'; code: 'too_long' | 'too_many_entries'; max: number }
	/** A member link whose member was deleted: the interviewer must pick again. */
	| { kind: 'unlinked' };
