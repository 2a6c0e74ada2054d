// npm run codebook: writes codebook.csv for the current questionnaire, from its definition.
// Vite loads the TypeScript sources (and the $lib alias) the way the app does.
import { writeFileSync } from 'node:fs';
import { createServer } from 'vite';

const server = await createServer({ server: { middlewareMode: true }, appType: 'custom', logLevel: 'error' });
try {
	const { codebookCsv } = await server.ssrLoadModule('/src/lib/server/codebook.ts');
	const { currentForm } = await server.ssrLoadModule('/src/lib/forms/index.ts');
	writeFileSync('codebook.csv', codebookCsv(currentForm));
	console.log(`codebook.csv: ${currentForm.definition.id} version ${currentForm.definition.version}`);
} finally {
	await server.close();
}
