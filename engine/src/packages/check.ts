import { type FieldDef, type PackageBody, packageBodySchema } from '@forecourt/schemas';
import type { ErrorObject } from 'ajv/dist/2020.js';
import type { ErrorDetail } from '../errors';
import { ValidationError } from '../errors';
import { metaSchemaValidator } from '../forms/meta-schema';

/**
 * Every problem of a package as a whole, each with its JSON-pointer path into the body
 * (`/manifest/apps/0/id`, `/forms/1/fields/2/target`): its shape, and that ids are unique and every
 * reference between its documents stays inside it. The forms, flows and views themselves are checked
 * again, in full, by the services that create them.
 */
export function packageIssues(body: unknown): ErrorDetail[] {
  const validate = metaSchemaValidator(packageBodySchema);
  if (!validate(body)) return shapeIssues(validate.errors ?? []);
  const pkg = body as PackageBody;
  const issues: ErrorDetail[] = [];
  const apps = new Set<string>();
  pkg.manifest.apps.forEach((app, i) => {
    if (apps.has(app.id))
      issues.push({
        path: `/manifest/apps/${i}/id`,
        message: `The app id ${app.id} is used twice.`,
        code: 'package.duplicate_id',
        params: { id: app.id },
      });
    apps.add(app.id);
  });
  const forms = new Set<string>();
  pkg.forms.forEach((form, i) => {
    if (typeof form.id !== 'string') return; // the form's own meta-schema names it when it is created
    if (forms.has(form.id))
      issues.push({
        path: `/forms/${i}/id`,
        message: `The form id ${form.id} is used twice.`,
        code: 'package.duplicate_id',
        params: { id: form.id },
      });
    forms.add(form.id);
    if (!apps.has(form.app))
      issues.push({
        path: `/forms/${i}/app`,
        message: `The app ${String(form.app)} is not one of the package's apps.`,
        code: 'package.unknown_app',
        params: { app: form.app },
      });
  });
  pkg.forms.forEach((form, i) => {
    for (const [path, target] of relationTargets(form.fields, `/forms/${i}/fields`))
      if (!forms.has(target))
        issues.push({
          path,
          message: `The form ${target} is not in this package.`,
          code: 'package.unknown_form',
          params: { form: target },
        });
  });
  const flows = new Set<string>();
  pkg.workflows.forEach((flow, i) => {
    if (!forms.has(flow.formId))
      issues.push({
        path: `/workflows/${i}/formId`,
        message: `The form ${String(flow.formId)} is not in this package.`,
        code: 'package.unknown_form',
        params: { form: flow.formId },
      });
    else if (flows.has(flow.formId))
      issues.push({
        path: `/workflows/${i}/formId`,
        message: `The form ${flow.formId} has two flows.`,
        code: 'package.duplicate_flow',
        params: { form: flow.formId },
      });
    flows.add(flow.formId);
    (flow.nodes ?? []).forEach((node, n) => {
      if (node.type !== 'action') return;
      node.actions.forEach((action, a) => {
        if (action.kind === 'createRecord' && !forms.has(action.formId))
          issues.push({
            path: `/workflows/${i}/nodes/${n}/actions/${a}/formId`,
            message: `The form ${action.formId} is not in this package.`,
            code: 'package.unknown_form',
            params: { form: action.formId },
          });
      });
    });
  });
  const views = new Set<string>();
  pkg.views.forEach((view, i) => {
    if (views.has(view.id))
      issues.push({
        path: `/views/${i}/id`,
        message: `The view id ${view.id} is used twice.`,
        code: 'package.duplicate_id',
        params: { id: view.id },
      });
    views.add(view.id);
    if (!forms.has(view.formId))
      issues.push({
        path: `/views/${i}/formId`,
        message: `The form ${view.formId} is not in this package.`,
        code: 'package.unknown_form',
        params: { form: view.formId },
      });
  });
  return issues;
}

export function assertValidPackage(body: unknown): asserts body is PackageBody {
  const issues = packageIssues(body);
  if (issues.length) throw new ValidationError('The package has problems.', issues);
}

/** Relation fields' target forms, with the path of each `target`, subform columns included. */
export function relationTargets(fields: unknown, path: string): [string, string][] {
  if (!Array.isArray(fields)) return [];
  const out: [string, string][] = [];
  (fields as FieldDef[]).forEach((field, i) => {
    if (field?.type === 'relation' && typeof field.target === 'string')
      out.push([`${path}/${i}/target`, field.target]);
    if (Array.isArray(field?.fields)) out.push(...relationTargets(field.fields, `${path}/${i}/fields`));
  });
  return out;
}

/** Ajv's errors as paths and messages, once each; `prefix` places them in a larger document. */
export function shapeIssues(errors: ErrorObject[], prefix = ''): ErrorDetail[] {
  const seen = new Set<string>();
  const out: ErrorDetail[] = [];
  for (const e of errors) {
    let path = `${prefix}${e.instancePath}` || '/';
    let message = e.message ?? 'is not valid';
    if (e.keyword === 'additionalProperties') {
      path = `${prefix}${e.instancePath}/${String(e.params.additionalProperty)}`;
      message = 'is not a known property';
    } else if (e.keyword === 'required') {
      path = `${prefix}${e.instancePath}/${String(e.params.missingProperty)}`;
      message = 'is required';
    }
    const key = `${path} ${message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push({ path, message, code: 'package.shape', params: { keyword: e.keyword } });
    }
  }
  return out.slice(0, 50);
}
