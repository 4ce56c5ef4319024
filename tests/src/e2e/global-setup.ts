import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/env';

/**
 * The browser tests serve runtime-ui/dist: build it first when its sources changed since the last build
 * (scripts/build-ui.mjs keeps a hash; an unchanged app costs a few milliseconds).
 */
export default function setup(): void {
  const result = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts', 'build-ui.mjs')], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('Building the web app for the browser tests failed (see above).');
}
