/**
 * The business function library bound into every expression, by name (called as `$name`), with
 * its JSONata signature. `round` and `trim` deliberately replace JSONata's built-ins of that name.
 */
import { checkFunctions } from './checks';
import { dateFunctions } from './dates';
import { numberFunctions } from './numbers';
import { textFunctions } from './text';
import type { LibraryFunction } from './types';

export type { LibraryFunction, LibraryThis } from './types';

export const LIBRARY: Readonly<Record<string, LibraryFunction>> = Object.freeze({
  ...dateFunctions,
  ...numberFunctions,
  ...textFunctions,
  ...checkFunctions,
});
