/**
 * Entry of @forecourt/schemas in the browser (package.json `exports` condition `browser`, which Vite
 * resolves): the same as src/index.ts, without the region table, which the form renderer loads with
 * `loadRegionTable()` only for forms with an address field (docs/performance.md, B13).
 */
export * from './expressions';
export * from './fields';
export * from './packages';
export * from './query';
export * from './workflow';
