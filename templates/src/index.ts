import { dirname } from 'node:path';

/**
 * Entry of @forecourt/templates: the folder the shipped packages live in, one folder per package
 * (`forecourt.json` and its documents; see docs/packages.md). The engine's installer reads them; this
 * package holds no code beyond sample-data generators.
 */
export const TEMPLATES_DIR = dirname(import.meta.dirname);
