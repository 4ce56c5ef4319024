import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/env';

function manifest(folder: string): { dependencies?: Record<string, string> } {
  return JSON.parse(readFileSync(join(REPO_ROOT, folder, 'package.json'), 'utf8'));
}

const ours = (deps: Record<string, string> = {}) =>
  Object.keys(deps).filter((d) => d.startsWith('@forecourt/'));
const npm = (deps: Record<string, string> = {}) =>
  Object.entries(deps).filter(([d]) => !d.startsWith('@forecourt/'));

describe('package boundaries', () => {
  it('imports go one way: schemas ← engine ← server; the React packages never see engine or server', () => {
    expect(ours(manifest('schemas').dependencies)).toEqual([]);
    expect(ours(manifest('engine').dependencies)).toEqual(['@forecourt/schemas']);
    for (const ui of ['runtime-ui', 'designer']) {
      expect(ours(manifest(ui).dependencies)).not.toContain('@forecourt/engine');
      expect(ours(manifest(ui).dependencies)).not.toContain('@forecourt/server');
    }
  });

  it('the server declares every runtime dependency of what it bundles, with the same range', () => {
    // server/dist/forecourt.mjs bundles our packages and leaves npm packages external, so each must
    // resolve from server/node_modules (see scripts/build.mjs).
    const server = manifest('server').dependencies ?? {};
    for (const folder of ['engine', 'schemas']) {
      for (const [name, range] of npm(manifest(folder).dependencies)) {
        expect(server[name], `${folder} needs ${name}; add it to server/package.json`).toBe(range);
      }
    }
  });
});
