/**
 * What a form's texts cite of the deployment settings, and the texts as shown: the device
 * keeps the settings an interview started with, and the submission carries what was read.
 */
import type { CompiledForm } from './compile';
import { citations, cite, deploymentKeys, isContainer, languages, type Deployment, type DeploymentKey } from './model';
import type { Translated } from './schema';

function textsOf(form: CompiledForm): [string, Translated][] {
	const texts: [string, Translated][] = [];
	for (const node of form.nodes.values()) {
		const item = node.item;
		if (item.label) texts.push([node.name, item.label]);
		if (!isContainer(item) && item.hint) texts.push([`${node.name}.hint`, item.hint]);
	}
	return texts;
}

/** The settings a form's labels and hints cite, in the order of deploymentKeys. */
export function citedSettings(form: CompiledForm): DeploymentKey[] {
	const cited = new Set(textsOf(form).flatMap(([, t]) => Object.values(t).flatMap(citations)));
	return deploymentKeys.filter((k) => cited.has(k));
}

/** The settings a form cites that `deployment` lacks in some language: an interview cannot start without them. */
export function missingSettings(form: CompiledForm, deployment: Deployment | undefined): DeploymentKey[] {
	return citedSettings(form).filter((k) => !languages.every((l) => deployment?.[k]?.[l]?.trim()));
}

/** Every label and hint that cites a setting, as the interviewer read it in `language`, one of the form's (hints as "<name>.hint"). */
export function shownTexts(form: CompiledForm, deployment: Deployment | undefined, language: string): Record<string, string> {
	const shown: Record<string, string> = {};
	for (const [key, text] of textsOf(form)) if (citations(text[language]).length) shown[key] = cite(text[language], deployment, language);
	return shown;
}
