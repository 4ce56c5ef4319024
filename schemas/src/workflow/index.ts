/** The workflow language: types, the meta-schema and the definition checks. Pure, shared by browser and server. */
export { DELAY_MAX_MINUTES } from './delay';
export { joinSplits } from './parallels';
export { between, incoming, mayReturn, outgoing, returnScope, strandedJoins } from './paths';
export * from './schema';
export type * from './types';
export { checkWorkflowDefinition, type WorkflowSchemaError, type WorkflowShapeValidator } from './validate';
