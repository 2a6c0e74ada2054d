/** The form expression language: parse once, then evaluate against an EvalContext. */
export { ExpressionError, type EvalContext, type Value } from './types';
export { isFunctionName, signatures, type BinaryOperator, type Expr, type FunctionName, type Signature } from './ast';
export { maxDepth, parseExpression } from './parse';
export { evaluate } from './evaluate';
export { references, type References } from './references';
export { isEmptyValue, toBoolean, toNumber, toText } from './convert';
