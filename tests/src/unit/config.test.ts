import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '@forecourt/server';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/env';

describe('configuration from the environment', () => {
  it('has defaults that start a local server on PGlite', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3000, HOST: '127.0.0.1', LOG_LEVEL: 'info' });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.FORECOURT_DATA_DIR).toBe(join(process.cwd(), 'data'));
  });

  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ FORECOURT_ADMIN_PASSWORD: 'short' })).toThrow(/FORECOURT_ADMIN_PASSWORD/);
    expect(() => loadConfig({ FORECOURT_ADMIN_EMAIL: 'not-an-email' })).toThrow(/FORECOURT_ADMIN_EMAIL/);
  });

  it('reads the outbound allow-list, and names it when an entry is wrong', () => {
    expect(loadConfig({}).FORECOURT_OUTBOUND_ALLOW.entries).toEqual([]);
    const allowed = loadConfig({
      FORECOURT_OUTBOUND_ALLOW: 'erp.dealer.lan, 192.168.10.0/24, 127.0.0.1:8080',
    });
    expect(allowed.FORECOURT_OUTBOUND_ALLOW.entries.map((e) => e.kind)).toEqual(['name', 'range', 'address']);
    expect(() => loadConfig({ FORECOURT_OUTBOUND_ALLOW: '10.0.0.0/40' })).toThrow(ConfigError);
    expect(() => loadConfig({ FORECOURT_OUTBOUND_ALLOW: 'http://erp.lan' })).toThrow(
      /FORECOURT_OUTBOUND_ALLOW/,
    );
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' })).toMatchObject({ PORT: 3000 });
  });
});

describe('CI', () => {
  it("runs the README's test command", () => {
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    const testLine = (/```[a-z]*\n([\s\S]*?)```/.exec(readme)?.[1] ?? '').split('\n')[1];
    const ci = readFileSync(join(REPO_ROOT, '.ci/run'), 'utf8');
    expect(testLine).toMatch(/pnpm@12\.4\.2 test$/);
    expect(ci.split('\n')).toContain(testLine);
  });
});
