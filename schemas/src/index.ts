/** Entry of @forecourt/schemas (Node: the server, the CLI, tests); src/browser.ts is the browser's. */
import './fields/region-table';

export * from './automations';
export * from './expressions';
export * from './fields';
export * from './packages';
export * from './query';
export * from './workflow';
