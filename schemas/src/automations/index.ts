/** The automation language: types, the meta-schema and the definition checks. Pure, shared by browser and server. */
export { AUTOMATION_ACTION_KINDS, AUTOMATION_ACTIONS } from './actions';
export type { AutomationForms } from './context';
export * from './schema';
export type * from './types';
export { type AutomationShapeValidator, checkAutomationDefinition } from './validate';
