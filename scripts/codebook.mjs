// npm run codebook: writes codebook.csv for every version of the current questionnaire, from their definitions.
// Vite loads the TypeScript sources (and the $lib alias) the way the app does.
import { writeFileSync } from 'node:fs';
import { createServer } from 'vite';

const server = await createServer({ server: { middlewareMode: true }, appType: 'custom', logLevel: 'error' });
try {
	const { builtInCodebook } = await server.ssrLoadModule('/src/lib/server/codebook.ts');
	const { forms, currentForm } = await server.ssrLoadModule('/src/lib/forms/index.ts');
	writeFileSync('codebook.csv', builtInCodebook());
	const { id } = currentForm.definition;
	const versions = forms.filter((f) => f.definition.id === id).map((f) => f.definition.version);
	console.log(`codebook.csv: ${id} versions ${versions.join(', ')}`);
} finally {
	await server.close();
}
