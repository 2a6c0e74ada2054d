/** The questionnaire engine's public face: everything outside src/lib/form imports from here. */
export { compileDefinition, type CompiledForm, type CompileResult, type FormNode, type Screen } from './compile';
export { compileForm } from './validate';
export { FormEngine, MAX_ENTRIES, type EngineOptions, type Place } from './engine';
export type { AnswerIssue } from './types';
export { currentStep, entrySteps, entryStepKey, shownSteps, shows, stepOf, stepProblem, stepsAfterRemoval, type Step } from './steps';
export { checkAnswers, limitProblems, type AnswerProblem, type CheckOptions } from './check';
export * from './deployment';
export * from './limits';
export * from './schema';
export * from './text';
export * from './values';
