import { json } from '@sveltejs/kit';
import { readBytes, readJsonBody } from '$lib/server/body';
import { getRegistry } from '$lib/server/forms';
import { publishWorkbook } from '$lib/server/forms-xlsform';
import { adminOnly } from '$lib/server/guard';
import { refuse } from '$lib/server/http';
import { MAX_FORM_BODY_BYTES, XLSX_TYPE } from '$lib/wire';
import type { RequestHandler } from './$types';

const isType = (header: string, type: string) => new RegExp(`^${type.replace(/[.+]/g, '\\$&')}\\s*(;|$)`, 'i').test(header);

/**
 * POST /api/admin/forms: publishes a questionnaire version, its definition as the body: JSON
 * (application/json), or an XLSForm workbook (application/vnd.openxmlformats-officedocument.spreadsheetml.sheet).
 * 201 {id, version} published; 200 the same id, version and content again; 409 the same id
 * and version with other content; 400 {error, problems} when it is refused: for JSON each
 * problem has a `path` into the definition, for a workbook its `sheet`, `row` and `column`.
 */
export const POST: RequestHandler = adminOnly(async ({ request }) => {
	const type = request.headers.get('content-type') ?? '';
	if (isType(type, XLSX_TYPE)) {
		const body = await readBytes(request, MAX_FORM_BODY_BYTES);
		if (!body.ok) return refuse(body.status, body.message);
		const result = await publishWorkbook(await getRegistry(), body.bytes);
		return json(result.body, { status: result.status });
	}
	if (!isType(type, 'application/json')) {
		return refuse(
			415,
			`send the definition as JSON (Content-Type: application/json) or as an XLSForm workbook (Content-Type: ${XLSX_TYPE})`
		);
	}
	const body = await readJsonBody(request, MAX_FORM_BODY_BYTES);
	if (!body.ok) return refuse(body.status, body.message);
	const result = await (await getRegistry()).publish(body.text);
	return json(result.body, { status: result.status });
});
