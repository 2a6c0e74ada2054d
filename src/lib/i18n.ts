/**
 * Every string of the interface, in Armenian, Russian and English. The type makes a
 * missing translation a compile error; `{name}` marks a value filled in by `translate`.
 */
import type { Language } from './form/schema';

const en = {
	app_name: 'Tun',
	language: 'Language',
	nav_interviews: 'Interviews',
	interviews_heading: 'Interviews on this device',
	new_interview: 'New interview',
	no_interviews: 'No interviews on this device yet.',
	status_draft: 'Draft',
	status_waiting: 'Waiting to sync',
	status_sent: 'Sent',
	started_at: 'Started {time}',
	open: 'Open',
	continue: 'Continue',
	sync_now: 'Sync now',
	syncing: 'Syncing…',
	waiting_count: 'Waiting to sync: {count}',
	sync_sent: 'Sent {count} interview(s).',
	sync_nothing: 'Nothing to send.',
	sync_offline: 'No connection. Interviews stay on this device and go out when the network is back.',
	sync_failed: 'The server did not accept the batch ({detail}). Nothing was lost; it will be tried again.',
	sync_rejected: 'The server refused this interview: {detail}',
	offline_banner: 'Offline: everything you enter is kept on this device.',
	update_ready: 'A new version of Tun is ready.',
	update_now: 'Update now',
	saving: 'Saving…',
	all_saved: 'All answers are saved on this device.',
	choose_one: 'Choose one',
	finalize: 'Finalize interview',
	finalize_blocked: 'Some answers need attention before the interview can be finalized.',
	finalized_note: 'This interview is finalized and can no longer be changed.',
	back_to_list: 'Back to interviews',
	not_found: 'This interview is not on this device.',
	loading: 'Loading…',
	error_required: 'An answer is required.',
	error_not_integer: 'Enter a whole number.',
	error_not_text: 'Enter text.',
	error_unknown_choice: 'Choose one of the options.',
	error_unknown_question: 'This answer does not belong to the form.'
} as const;

export type MessageKey = keyof typeof en;
type Messages = Record<MessageKey, string>;

const ru: Messages = {
	app_name: 'Тун',
	language: 'Язык',
	nav_interviews: 'Интервью',
	interviews_heading: 'Интервью на этом устройстве',
	new_interview: 'Новое интервью',
	no_interviews: 'На этом устройстве пока нет интервью.',
	status_draft: 'Черновик',
	status_waiting: 'Ждёт отправки',
	status_sent: 'Отправлено',
	started_at: 'Начато {time}',
	open: 'Открыть',
	continue: 'Продолжить',
	sync_now: 'Синхронизировать',
	syncing: 'Синхронизация…',
	waiting_count: 'Ждут отправки: {count}',
	sync_sent: 'Отправлено интервью: {count}.',
	sync_nothing: 'Нечего отправлять.',
	sync_offline: 'Нет связи. Интервью остаются на устройстве и уйдут, когда появится сеть.',
	sync_failed: 'Сервер не принял пакет ({detail}). Ничего не потеряно, попытка будет повторена.',
	sync_rejected: 'Сервер отклонил это интервью: {detail}',
	offline_banner: 'Нет сети: всё, что вы вводите, сохраняется на устройстве.',
	update_ready: 'Готова новая версия Тун.',
	update_now: 'Обновить',
	saving: 'Сохранение…',
	all_saved: 'Все ответы сохранены на устройстве.',
	choose_one: 'Выберите один вариант',
	finalize: 'Завершить интервью',
	finalize_blocked: 'Прежде чем завершить интервью, исправьте отмеченные ответы.',
	finalized_note: 'Интервью завершено, изменить его уже нельзя.',
	back_to_list: 'К списку интервью',
	not_found: 'Этого интервью нет на устройстве.',
	loading: 'Загрузка…',
	error_required: 'Нужен ответ.',
	error_not_integer: 'Введите целое число.',
	error_not_text: 'Введите текст.',
	error_unknown_choice: 'Выберите один из вариантов.',
	error_unknown_question: 'Этот ответ не относится к анкете.'
};

const hy: Messages = {
	app_name: 'Տուն',
	language: 'Լեզու',
	nav_interviews: 'Հարցազրույցներ',
	interviews_heading: 'Այս սարքի հարցազրույցները',
	new_interview: 'Նոր հարցազրույց',
	no_interviews: 'Այս սարքում դեռ հարցազրույց չկա։',
	status_draft: 'Սևագիր',
	status_waiting: 'Սպասում է ուղարկման',
	status_sent: 'Ուղարկված է',
	started_at: 'Սկսված՝ {time}',
	open: 'Բացել',
	continue: 'Շարունակել',
	sync_now: 'Համաժամեցնել',
	syncing: 'Համաժամեցում…',
	waiting_count: 'Սպասում են ուղարկման՝ {count}',
	sync_sent: 'Ուղարկված հարցազրույցներ՝ {count}։',
	sync_nothing: 'Ուղարկելու բան չկա։',
	sync_offline: 'Կապ չկա։ Հարցազրույցները մնում են սարքում և կուղարկվեն, երբ ցանցը վերադառնա։',
	sync_failed: 'Սերվերը չընդունեց փաթեթը ({detail})։ Ոչինչ չի կորել, փորձը կկրկնվի։',
	sync_rejected: 'Սերվերը մերժեց այս հարցազրույցը՝ {detail}',
	offline_banner: 'Ցանց չկա․ ձեր մուտքագրածը պահվում է այս սարքում։',
	update_ready: 'Տունի նոր տարբերակը պատրաստ է։',
	update_now: 'Թարմացնել',
	saving: 'Պահպանվում է…',
	all_saved: 'Բոլոր պատասխանները պահված են այս սարքում։',
	choose_one: 'Ընտրեք մեկը',
	finalize: 'Ավարտել հարցազրույցը',
	finalize_blocked: 'Հարցազրույցն ավարտելուց առաջ ուղղեք նշված պատասխանները։',
	finalized_note: 'Հարցազրույցն ավարտված է և այլևս չի կարող փոխվել։',
	back_to_list: 'Վերադառնալ ցանկին',
	not_found: 'Այս հարցազրույցը այս սարքում չէ։',
	loading: 'Բեռնվում է…',
	error_required: 'Պատասխանը պարտադիր է։',
	error_not_integer: 'Մուտքագրեք ամբողջ թիվ։',
	error_not_text: 'Մուտքագրեք տեքստ։',
	error_unknown_choice: 'Ընտրեք տարբերակներից մեկը։',
	error_unknown_question: 'Այս պատասխանը հարցաթերթին չի վերաբերում։'
};

export const messages: Record<Language, Messages> = { en, ru, hy };

/** Names of the languages, each in itself, for the language switch. */
export const languageNames: Record<Language, string> = { hy: 'Հայերեն', ru: 'Русский', en: 'English' };

export function translate(lang: Language, key: MessageKey, params: Record<string, string | number> = {}): string {
	return messages[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
		name in params ? String(params[name]) : whole
	);
}
