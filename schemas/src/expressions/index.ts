/**
 * The expression language of Forecourt: sandboxed JSONata 2.x for computed fields, defaults,
 * visibility rules, validations, workflow conditions, automation mappings and dashboard measures.
 * Isomorphic (browser preview and server authority); no Node-only APIs. Names are prefixed where a
 * bare name could collide with another module re-exported from the package root.
 */
export {
  type ArithmeticResult,
  type ArithmeticValue,
  type CompiledArithmetic,
  compileArithmetic,
} from './arithmetic';
export { ALLOWED_BUILTINS as EXPRESSION_BUILTINS } from './builtins';
export {
  type CheckResult as ExpressionCheckResult,
  type CompiledExpression,
  type CompileOptions as ExpressionCompileOptions,
  checkExpression,
  compileExpression,
  DEFAULT_TIME_ZONE as EXPRESSION_TIME_ZONE,
  DEFAULT_TIMEOUT_MS as EXPRESSION_TIMEOUT_MS,
  type EvaluateOptions as ExpressionEvaluateOptions,
  readsEveryField,
  referencedFields,
} from './compile';
export { toMoney } from './decimal';
export { ExpressionError, type ExpressionErrorCode } from './errors';
export {
  LIBRARY as EXPRESSION_LIBRARY,
  type LibraryFunction as ExpressionFunction,
  type LibraryThis as ExpressionFunctionThis,
} from './functions';
export { DEFAULT_LIMITS as EXPRESSION_LIMITS, type Limits as ExpressionLimits } from './guard';
