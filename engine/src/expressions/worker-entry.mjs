// Starts the expression worker from TypeScript sources (tests, `tsx`): the bundled server starts
// server/dist/expression-worker.mjs instead (see pool.ts and scripts/build.mjs).
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
