/**
 * POST /api/admin/forms with an XLSForm workbook and GET /api/admin/forms/<id>/<version>.xlsx,
 * as a team's script or the admin page calls them. A server of its own: publishing changes
 * what every tablet of a server offers.
 */
import { expect, request as playwrightRequest, test, type APIRequestContext } from '@playwright/test';
import ExcelJS from 'exceljs';
import { TEST_ADMIN_TOKEN, testServer, type TestServer } from '../support/server';
import { workbook as workbookOf } from '../../src/lib/server/xlsform/testing';
import { XLSX_TYPE } from '../../src/lib/wire';

/** A workbook as a team's spreadsheet would be: each sheet a header row and its rows. */
const xlsform = async (sheets: Parameters<typeof workbookOf>[0]) => Buffer.from(await workbookOf(sheets));

let server: TestServer;
let api: APIRequestContext;
test.describe.configure({ mode: 'serial' });
test.beforeAll(async () => {
	server = await testServer();
	await server.start();
	api = await playwrightRequest.newContext({ baseURL: server.origin, extraHTTPHeaders: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } });
});
test.afterAll(async () => {
	await api?.dispose();
	server?.dispose();
});

const L = (lang: string, name: string) => `${name} (${lang})`;
const hy = L('hy', 'Հայերեն');
const ru = L('ru', 'Русский');
const en = L('en', 'English');

/** A small questionnaire in the household questionnaire's three languages; `relevant` of the last question as given. */
const workbook = (version: string, relevant = "${has_well} = 'yes'") =>
	xlsform({
		survey: [
			['type', 'name', `label::${hy}`, `label::${ru}`, `label::${en}`, 'required', 'relevant'],
			['text', 'village', 'Գյուղ', 'Село', 'Village', 'yes', null],
			['select_one yes_no', 'has_well', 'Ջրհոր կա՞', 'Есть колодец?', 'Is there a well?', 'yes', null],
			['integer', 'well_depth', 'Խորությունը', 'Глубина', 'Depth', null, relevant]
		],
		choices: [
			['list_name', 'name', `label::${hy}`, `label::${ru}`, `label::${en}`],
			['yes_no', 'yes', 'Այո', 'Да', 'Yes'],
			['yes_no', 'no', 'Ոչ', 'Нет', 'No']
		],
		settings: [
			['form_id', 'version', 'form_title', `tun_form_title::${ru}`, `tun_form_title::${en}`, 'default_language'],
			['water_points', version, 'Ջրակետեր', 'Водные точки', 'Water points', hy]
		]
	});

const publish = (data: Buffer, type = XLSX_TYPE) => api.post('/api/admin/forms', { headers: { 'content-type': type }, data });

test('a workbook is published: 201, the same again 200, other content under its version 409', async () => {
	const first = await publish(await workbook('2026-12-01'));
	expect(first.status()).toBe(201);
	expect(await first.json()).toEqual({ id: 'water_points', version: '2026-12-01' });
	expect((await publish(await workbook('2026-12-01'))).status()).toBe(200);
	const other = await publish(await workbook('2026-12-01', "${has_well} = 'no'"));
	expect(other.status()).toBe(409);
	expect((await other.json()).error).toMatch(/published already with other content/);
	const listed = (await (await api.get('/api/forms')).json()) as { id: string; version: string }[];
	expect(listed.filter((f) => f.id === 'water_points').map((f) => f.version)).toEqual(['2026-12-01']);
});

test('a broken workbook: 400 with each problem at its sheet, row and column; nothing published', async () => {
	const refused = await publish(await workbook('2026-12-02', '${has_wel} = 1'));
	expect(refused.status()).toBe(400);
	expect(await refused.json()).toEqual({
		error: expect.stringMatching(/problem/),
		problems: [{ sheet: 'survey', row: 4, column: 'relevant', message: expect.stringContaining('has_wel') }]
	});
	const notWorkbook = await publish(Buffer.from('type,name,label\ntext,village,Village'));
	expect(notWorkbook.status()).toBe(400);
	expect((await notWorkbook.json()).problems).toEqual([
		{ sheet: '', row: null, column: null, message: expect.stringMatching(/not an Excel workbook/) }
	]);
	const listed = (await (await api.get('/api/forms')).json()) as { id: string; version: string }[];
	expect(listed.some((f) => f.version === '2026-12-02')).toBe(false);
});

test('a body of another type is 415, one over 2 MB is 413', async () => {
	const wrongType = await publish(await workbook('2026-12-03'), 'text/csv');
	expect(wrongType.status()).toBe(415);
	expect((await wrongType.json()).error).toContain(XLSX_TYPE);
	// On a connection of its own: the refused rest of the body stays on the wire, and the server closes it.
	const once = await playwrightRequest.newContext({ baseURL: server.origin });
	const tooLarge = await once.post('/api/admin/forms', {
		headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': XLSX_TYPE },
		data: Buffer.alloc(2 * 1024 * 1024 + 1)
	});
	expect(tooLarge.status()).toBe(413);
	await once.dispose();
});

test('each published version downloads as a workbook that publishes again unchanged (200), the household questionnaire too', async () => {
	for (const [id, version] of [
		['water_points', '2026-12-01'],
		['household_migration', '2026-12-01'],
		['household_migration', '2026-12-15']
	]) {
		const download = await api.get(`/api/admin/forms/${id}/${version}.xlsx`);
		expect(download.status()).toBe(200);
		expect(download.headers()['content-type']).toBe(XLSX_TYPE);
		expect(download.headers()['content-disposition']).toBe(`attachment; filename="${id}-${version}.xlsx"`);
		const data = await download.body();
		const book = new ExcelJS.Workbook();
		await book.xlsx.load(data as unknown as ArrayBuffer);
		expect(book.worksheets.map((w) => w.name)).toEqual(expect.arrayContaining(['survey', 'choices', 'settings']));
		const again = await publish(data);
		expect(again.status(), `${id} ${version}`).toBe(200);
		expect(await again.json()).toEqual({ id, version });
	}
	expect((await api.get('/api/admin/forms/water_points/1999-01-01.xlsx')).status()).toBe(404);
	const anonymous = await playwrightRequest.newContext({ baseURL: server.origin });
	expect((await anonymous.get('/api/admin/forms/water_points/2026-12-01.xlsx')).status()).toBe(401);
	await anonymous.dispose();
});
