// npm run xlsform -- <form.xlsx> [--out <form.json>]
//   Checks an XLSForm as publishing does (the reader and the compiler) and prints every problem
//   at its sheet, row and column; when there are none, writes the definition as JSON (to --out,
//   else beside the workbook). Exit status 1 when there are problems.
// npm run xlsform -- <form.json> [--out <form.xlsx>]
//   Writes a definition as an XLSForm workbook.
// Publishing also compares a version with the versions published before it (the server's
// answer lists those problems too); this checks the file alone.
// Vite loads the TypeScript sources (and the $lib alias) the way the app does.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createServer } from 'vite';

const { positionals, values } = parseArgs({ allowPositionals: true, options: { out: { type: 'string' } } });
const [input] = positionals;
if (positionals.length !== 1 || !/\.(xlsx|json)$/i.test(input)) {
	console.error('usage: npm run xlsform -- <form.xlsx | form.json> [--out <file>]');
	process.exit(2);
}

const server = await createServer({ server: { middlewareMode: true }, appType: 'custom', logLevel: 'error' });
try {
	if (/\.xlsx$/i.test(input)) {
		const { checkWorkbook, problemLine } = await server.ssrLoadModule('/src/lib/server/forms-xlsform.ts');
		const read = await checkWorkbook(new Uint8Array(readFileSync(input)));
		if (read.status === 'invalid') {
			const n = read.problems.length;
			console.error(`${input}: ${n} problem${n === 1 ? '' : 's'}`);
			for (const p of read.problems) console.error(`  ${problemLine(p)}`);
			process.exitCode = 1;
		} else {
			const out = values.out ?? input.replace(/\.xlsx$/i, '.json');
			writeFileSync(out, `${JSON.stringify(read.definition, null, '\t')}\n`);
			const { id, version } = read.definition;
			console.log(`${input}: no problems; "${id}" version "${version}" written to ${out}`);
		}
	} else {
		const { compileForm } = await server.ssrLoadModule('/src/lib/form/index.ts');
		const { writeXlsForm } = await server.ssrLoadModule('/src/lib/server/xlsform/index.ts');
		const compiled = compileForm(JSON.parse(readFileSync(input, 'utf8')));
		if (compiled.status === 'invalid') {
			console.error(`${input}: ${compiled.problems.length} problem(s)`);
			for (const p of compiled.problems) console.error(`  ${p.path || '/'}: ${p.message}`);
			process.exitCode = 1;
		} else {
			const out = values.out ?? input.replace(/\.json$/i, '.xlsx');
			writeFileSync(out, await writeXlsForm(compiled.form.definition));
			console.log(`${input}: written as an XLSForm to ${out}`);
		}
	}
} finally {
	await server.close();
}
