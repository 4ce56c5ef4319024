import type { Migration } from 'kysely/migration';
import * as m0001 from './0001_accounts';
import * as m0002 from './0002_forms_records';
import * as m0003 from './0003_files';
import * as m0004 from './0004_views';
import * as m0005 from './0005_imports';
import * as m0006 from './0006_access';
import * as m0007 from './0007_workflow';
import * as m0008 from './0008_subflows';
import * as m0009 from './0009_comments';
import * as m0010 from './0010_action_failures';
import * as m0011 from './0011_login_throttle';
import * as m0012 from './0012_jobs_claim_index';
import * as m0013 from './0013_public_link_fill_fields';
import * as m0014 from './0014_installed_packages';
import * as m0015 from './0015_automations';

/**
 * Every migration, in order. A migration is a file `NNNN_name.ts` exporting `up` and `down`,
 * added here and given a test in tests/src/engine/migrations/. Never edit one that has shipped.
 */
export const migrations: Record<string, Migration> = {
  '0001_accounts': m0001,
  '0002_forms_records': m0002,
  '0003_files': m0003,
  '0004_views': m0004,
  '0005_imports': m0005,
  '0006_access': m0006,
  '0007_workflow': m0007,
  '0008_subflows': m0008,
  '0009_comments': m0009,
  '0010_action_failures': m0010,
  '0011_login_throttle': m0011,
  '0012_jobs_claim_index': m0012,
  '0013_public_link_fill_fields': m0013,
  '0014_installed_packages': m0014,
  '0015_automations': m0015,
};
