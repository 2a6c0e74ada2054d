import type { ParamMatcher } from '@sveltejs/kit';

/** The export archive's file name, `<formId>.zip`: the route checks the form id. */
export const match: ParamMatcher = (param) => param.endsWith('.zip');
