import { registerJobHandler } from '../jobs/registry';
import { registerRecordEventConsumer } from '../records/events';
import { AUTOMATION_JOB, automationJobs } from './enqueue';
import { runAutomationJob } from './run';

export { type LoopStop, loopStop, MAX_CHAIN_DEPTH } from './chain';
export * from './definitions';
export { AUTOMATION_JOB } from './enqueue';
export * from './runs';
export { matchesTrigger } from './trigger';

/** Automations hear record events (records/events.ts) and run on the job worker. */
registerRecordEventConsumer(automationJobs);
registerJobHandler(AUTOMATION_JOB, runAutomationJob, { maxAttempts: 5 });
