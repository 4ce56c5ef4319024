import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DomainError, loadPackage, packageIssues } from '@forecourt/engine';
import { type PackageBody, packageManifestSchema } from '@forecourt/schemas';
import { describe, expect, it } from 'vitest';
import { TEMPLATES_DIR, templateBody } from '../../support/dealership/packages';

/** Every folder of templates/ with a manifest. */
const SHIPPED = readdirSync(TEMPLATES_DIR).filter((name) =>
  existsSync(join(TEMPLATES_DIR, name, 'forecourt.json')),
);

/** A copy of a shipped package to break. */
const copy = (id: string): PackageBody => structuredClone(templateBody(id));
const paths = (body: unknown) => packageIssues(body).map((i) => i.path);

describe('the package format (issue 14 item 4)', () => {
  it('every shipped package passes the meta-schema and the cross-checks, and loads as listed', async () => {
    expect(SHIPPED).toEqual(expect.arrayContaining(['expense-claim', 'sales', 'service', 'service-booking']));
    for (const id of SHIPPED) {
      const body = templateBody(id);
      expect(packageIssues(body), id).toEqual([]);
      expect(await loadPackage(`${TEMPLATES_DIR}/${id}`)).toEqual(body);
    }
  });

  it('names each problem of a manifest by its path', () => {
    const body = copy('service-booking') as unknown as { manifest: Record<string, unknown> };
    body.manifest.version = 'one';
    delete body.manifest.name;
    body.manifest.extra = true;
    (body.manifest.documents as { path: string }[])[0]!.path = '../../etc/passwd.json';
    expect(paths(body)).toEqual(
      expect.arrayContaining([
        '/manifest/version',
        '/manifest/name',
        '/manifest/extra',
        '/manifest/documents/0/path',
      ]),
    );
    expect(packageIssues(body).find((i) => i.path === '/manifest/name')?.message).toBe('is required');
  });

  it('refuses references that leave the package, duplicate ids and forms of apps it does not declare', () => {
    const sales = copy('sales');
    sales.forms[1]!.fields[0]!.target = 'frm_nowhere';
    sales.forms.push({ ...sales.forms[0]!, app: 'app_other' });
    expect(packageIssues(sales)).toEqual([
      expect.objectContaining({ path: '/forms/2/id', code: 'package.duplicate_id' }),
      expect.objectContaining({ path: '/forms/2/app', code: 'package.unknown_app' }),
      expect.objectContaining({ path: '/forms/1/fields/0/target', code: 'package.unknown_form' }),
    ]);
    const expense = copy('expense-claim');
    expense.workflows[0]!.formId = 'frm_lead';
    expect(paths(expense)).toEqual(['/workflows/0/formId']);
    const booking = copy('service-booking');
    booking.views[0]!.formId = 'frm_lead';
    expect(paths(booking)).toEqual(['/views/0/formId']);
  });

  it('accepts only the document kinds the installer knows', () => {
    const schema = packageManifestSchema() as {
      properties: { documents: { items: { properties: { kind: { enum: string[] } } } } };
    };
    expect(schema.properties.documents.items.properties.kind.enum).toEqual(['form', 'workflow', 'view']);
    const body = copy('service-booking') as unknown as { manifest: { documents: { kind: string }[] } };
    body.manifest.documents[0]!.kind = 'dashboard';
    expect(paths(body)).toEqual(['/manifest/documents/0/kind']);
  });

  it('reads a folder only as far as its manifest is sound, naming what is wrong by path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'forecourt-package-'));
    const problems = async () =>
      ((await loadPackage(dir).catch((e: unknown) => e)) as DomainError).details?.map((d) => d.path);
    try {
      const manifest = templateBody('service-booking').manifest as unknown as Record<string, unknown>;
      writeFileSync(join(dir, 'forecourt.json'), JSON.stringify({ ...manifest, name: undefined }));
      expect(await problems()).toEqual(['/manifest/name']);
      writeFileSync(join(dir, 'forecourt.json'), JSON.stringify(manifest));
      expect(await problems()).toEqual(['/manifest/documents/0/path']);
      expect(await loadPackage(join(dir, 'nowhere')).catch((e: DomainError) => e.code)).toBe('not_found');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('generates the same sample records for the same seed, and others for another', async () => {
    const { samples } = await import('../../../../templates/service-booking/samples.mjs');
    const one = samples(7, 20, { today: '2026-03-01' });
    expect(samples(7, 20, { today: '2026-03-01' })).toEqual(one);
    expect(samples(8, 20, { today: '2026-03-01' })).not.toEqual(one);
    expect(one).toHaveLength(20);
    for (const { form, data } of one) {
      expect(form).toBe('frm_service_booking');
      const date = String(data.f_date);
      expect(date > '2026-03-01' && date <= '2026-03-15', date).toBe(true);
    }
  });
});
