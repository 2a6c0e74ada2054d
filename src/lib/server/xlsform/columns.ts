/**
 * Where each field of a form definition (src/lib/form/schema.ts) stands in an XLSForm: the
 * one table the reader (read.ts), the writer (write.ts) and the README follow. XLSForm's
 * own columns keep their names (pyxform's); what only Tun has gets a column named `tun_…`,
 * which ODK tools (pyxform ignores unknown columns) pass over and Tun reads back.
 */
import { tokenize, type Token } from '$lib/form/expr/lex';

/** Columns whose text is in every form language: `label::English (en)`. */
export const translatedColumns = ['label', 'hint', 'constraint_message'] as const;

/** Every field of a question, and the survey column that holds it. */
export const questionColumns = {
	type: 'type',
	name: 'name',
	label: 'label',
	hint: 'hint',
	required: 'required',
	relevant: 'relevant',
	constraint: 'constraint',
	constraint_message: 'constraint_message',
	constraint_soft: 'tun_constraint_soft',
	/** A select names its list in its type (`select_one yes_no`); a calculate in tun_choices. */
	choices: 'tun_choices',
	choice_filter: 'choice_filter',
	calculation: 'calculation',
	read_only: 'read_only',
	default: 'default',
	allow_dont_know: 'tun_allow_dont_know',
	allow_refused: 'tun_allow_refused',
	max_length: 'tun_max_length',
	identifying: 'tun_identifying',
	/** A select_one link is also written `select_one ${question}` (a question of the repeat), as ODK selects from a repeat. */
	link: 'tun_link',
	short_label: 'tun_short_label',
	unit: 'tun_unit'
} as const;

export const groupColumns = {
	type: 'type',
	name: 'name',
	label: 'label',
	relevant: 'relevant',
	list: 'tun_list',
	/** The rows between `begin group` and `end group`. */
	items: 'type'
} as const;

export const repeatColumns = {
	type: 'type',
	name: 'name',
	label: 'label',
	relevant: 'relevant',
	count: 'repeat_count',
	/** Names separated by spaces. */
	summary: 'tun_summary',
	max_entries: 'tun_max_entries',
	/** The rows between `begin repeat` and `end repeat`. */
	items: 'type'
} as const;

/** Every field of a choice, and the choices column that holds it; any other column is an attr. */
export const choiceColumns = {
	value: 'name',
	label: 'label',
	code: 'tun_code',
	attrs: '(any other column)'
} as const;

/** Every field of the definition itself, and where it stands (settings columns unless said). */
export const formColumns = {
	id: 'form_id',
	version: 'version',
	/** form_title in the default language; tun_form_title::Name (code) in each other one. */
	title: 'form_title',
	defaultLanguage: 'default_language',
	/** The languages of the survey's and choices' columns (`label::English (en)`). */
	languages: '(language columns)',
	instance_name: 'instance_name',
	place: 'tun_place',
	location: 'tun_location',
	/** Its fields in columns of their own (householdColumns). */
	household: 'tun_household_roster',
	choices: '(choices sheet)',
	items: '(survey sheet)'
} as const;

/** The household the duplicate check reads: settings columns. */
export const householdColumns = {
	roster: 'tun_household_roster',
	/** Names separated by spaces. */
	fields: 'tun_household_fields'
} as const;

/** The title in languages other than the default one: pyxform's form_title takes one text. */
export const titleColumn = 'tun_form_title';
/** Written `integer` with `tun_type` = `year`: ODK has no year type. */
export const tunTypeColumn = 'tun_type';

/** pyxform's survey header aliases (aliases.survey_header) Tun reads, to the column they mean. */
export const surveyAliases: Record<string, string> = {
	caption: 'label',
	relevance: 'relevant',
	readonly: 'read_only',
	constraining_message: 'constraint_message',
	calculate: 'calculation',
	count: 'repeat_count',
	'jr:count': 'repeat_count',
	command: 'type',
	tag: 'name',
	value: 'name'
};
export const choicesAliases: Record<string, string> = { 'list name': 'list_name', caption: 'label', value: 'name' };
export const settingsAliases: Record<string, string> = { set_form_title: 'form_title', set_form_id: 'form_id', id_string: 'form_id' };

/** The survey columns Tun reads. */
export const surveyColumnNames: readonly string[] = [
	...new Set([...Object.values(questionColumns), ...Object.values(groupColumns), ...Object.values(repeatColumns)]),
	'appearance',
	tunTypeColumn
];
export const settingsColumnNames: readonly string[] = [
	'form_id',
	'version',
	'form_title',
	titleColumn,
	'default_language',
	'instance_name',
	'tun_place',
	'tun_location',
	householdColumns.roster,
	householdColumns.fields
];

/**
 * XLSForm columns Tun does not support (pyxform's aliases and the XLSForm specification):
 * a value in one is refused rather than dropped. Any other unknown column is refused too.
 */
export const unsupportedColumns: readonly string[] = [
	'media',
	'image',
	'big-image',
	'audio',
	'video',
	'guidance_hint',
	'required_message',
	'requiredmsg',
	'parameters',
	'trigger',
	'body',
	'bind',
	'instance',
	'control',
	'autoplay',
	'intent',
	'rows',
	'disabled',
	'save_to',
	'no_app_error_string',
	'noapperrorstring',
	'compact_tag',
	'sms_field',
	'sms_option',
	'sms_separator',
	'sms_allow_media',
	'sms_date_format',
	'sms_datetime_format',
	'sms_response'
];
export const unsupportedSettings: readonly string[] = [
	'public_key',
	'submission_url',
	'style',
	'name',
	'clean_text_values',
	'allow_choice_duplicates',
	'auto_send',
	'auto_delete',
	'namespaces',
	'prefix',
	'delimiter',
	'client_editable',
	'add_none_option'
];

/** XLSForm question types Tun has none of: refused at their type cell. */
export const unsupportedTypes: readonly string[] = [
	'range',
	'image',
	'photo',
	'audio',
	'background-audio',
	'video',
	'file',
	'barcode',
	'acknowledge',
	'datetime',
	'time',
	'geotrace',
	'geoshape',
	'start',
	'end',
	'today',
	'deviceid',
	'imei',
	'username',
	'email',
	'phonenumber',
	'simserial',
	'subscriberid',
	'audit',
	'hidden',
	'start-geopoint',
	'xml-external',
	'csv-external',
	'rank',
	'trigger',
	'osm'
];

/** pyxform's yes/no values (aliases.yes_no); Excel's TRUE and FALSE cells read as TRUE and FALSE. */
export const yesValues: readonly string[] = ['yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'true()'];
export const noValues: readonly string[] = ['no', 'No', 'NO', 'false', 'False', 'FALSE', 'false()'];

/** The sheets of XLSForm Tun has no use for: refused when they hold anything. Sheets of other names are left alone, as pyxform leaves them. */
export const unsupportedSheets: readonly string[] = ['external_choices', 'entities', 'osm'];

/** Tun's year range (values.ts typeProblem), written into a year's constraint for ODK tools. */
export const YEAR_MIN = 1800;
export const YEAR_MAX = 2200;
export const yearRange = `. >= ${YEAR_MIN} and . <= ${YEAR_MAX}`;

/** The only appearance Tun reads: a group's questions shown together, as Tun shows every group. */
export const fieldList = 'field-list';

/** Languages of a definition that declares none (schema.ts): Armenian, Russian, English. */
export const defaultLanguages: readonly { code: string; name: string }[] = [
	{ code: 'hy', name: 'Հայերեն' },
	{ code: 'ru', name: 'Русский' },
	{ code: 'en', name: 'English' }
];

/** `label::English (en)`: a language as columns name it. */
export const languageTag = (l: { code: string; name: string }) => `${l.name} (${l.code})`;

/**
 * A choice_filter's bare name for the choice's own name: ODK's `name` (the choices sheet's
 * column), Tun's `value`. The writer and the reader rename it, so each side reads its own.
 */
export function renameChoiceName(source: string, from: 'name' | 'value', to: 'name' | 'value'): string {
	let tokens: Token[];
	try {
		tokens = tokenize(source);
	} catch {
		return source; // compileForm says what is wrong with it
	}
	let out = source;
	for (let i = tokens.length - 1; i >= 0; i--) {
		const t = tokens[i];
		const call = tokens[i + 1]?.type === 'symbol' && tokens[i + 1].text === '(';
		if (t.type === 'name' && t.name === from && !call) out = out.slice(0, t.column - 1) + to + out.slice(t.column - 1 + t.text.length);
	}
	return out;
}
