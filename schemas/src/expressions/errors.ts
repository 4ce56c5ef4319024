/** Typed, user-facing errors of the expression language. */

export type ExpressionErrorCode =
  | 'syntax'
  | 'timeout'
  | 'depth'
  | 'size'
  | 'forbidden'
  | 'type'
  | 'unknown_function'
  | 'runtime';

export class ExpressionError extends Error {
  override name = 'ExpressionError';
  readonly code: ExpressionErrorCode;
  position?: number;

  constructor(code: ExpressionErrorCode, message: string, position?: number) {
    super(message);
    this.code = code;
    if (position !== undefined) this.position = position;
  }
}

/** The shape of the plain objects JSONata throws. */
interface JsonataFailure {
  code?: unknown;
  message?: unknown;
  position?: unknown;
  token?: unknown;
  value?: unknown;
}

const SIZE_CODES = new Set(['D2014', 'D2015']);
const UNKNOWN_FUNCTION_CODES = new Set(['T1005', 'T1006']);

function describe(err: JsonataFailure): string {
  const message = typeof err.message === 'string' && err.message !== '' ? err.message : String(err.code);
  return message.replace(/\s+$/, '');
}

/**
 * Turns anything thrown while compiling or evaluating into an ExpressionError. Our own errors pass
 * through (JSONata may have stamped a `position` on them on their way out, which we keep).
 */
export function toExpressionError(thrown: unknown, phase: 'compile' | 'evaluate'): ExpressionError {
  if (thrown instanceof ExpressionError) return thrown;
  if (thrown instanceof RangeError) {
    // Host limits (call stack, string or array length) reached despite our guards.
    return new ExpressionError(
      'size',
      `The expression needs more memory or stack than allowed: ${thrown.message}`,
    );
  }
  if (thrown === null || typeof thrown !== 'object') {
    return new ExpressionError('runtime', `The expression failed: ${String(thrown)}`);
  }
  const err = thrown as JsonataFailure;
  const code = typeof err.code === 'string' ? err.code : '';
  const position = typeof err.position === 'number' ? err.position : undefined;
  const text = describe(err);
  if (phase === 'compile' || code.startsWith('S0')) {
    const where = position !== undefined ? ` at position ${position}` : '';
    return new ExpressionError('syntax', `Syntax error${where}: ${text}`, position);
  }
  if (code === 'D1011') {
    return new ExpressionError('depth', 'The expression nests calls too deeply and was stopped.', position);
  }
  if (code === 'D1012') {
    return new ExpressionError('timeout', 'The expression took too long and was stopped.', position);
  }
  if (SIZE_CODES.has(code)) {
    return new ExpressionError(
      'size',
      `The expression builds a sequence that is too large: ${text}`,
      position,
    );
  }
  if (UNKNOWN_FUNCTION_CODES.has(code)) {
    const name = typeof err.token === 'string' ? `$${err.token}` : 'that';
    return new ExpressionError('unknown_function', `Unknown function ${name}.`, position);
  }
  if (code.startsWith('T')) return new ExpressionError('type', text, position);
  if (code !== '') return new ExpressionError('runtime', text, position);
  if (thrown instanceof Error)
    return new ExpressionError('runtime', `The expression failed: ${thrown.message}`);
  return new ExpressionError('runtime', text, position);
}
