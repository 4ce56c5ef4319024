/**
 * The form as people fill it, from a published definition: one widget per field type (registry.ts), laid
 * out by rjsf's antd theme, with formulas, table rollups, expression defaults and visibility rules
 * recomputed live by the expression module the server uses. Controlled: the caller owns the data, saves
 * it and passes the server's 422 `details` back as `errors`; each shows on its field or table cell.
 * Reused by the record pages, the public fill page and the form designer's preview (docs/web-app.md).
 */
import type { FieldDef, FormDefinition } from '@forecourt/schemas';
import Form from '@rjsf/antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ErrorDetail } from '../api/client';
import { useLabel } from '../i18n/label';
import { useIsPhone } from '../shell/useIsPhone';
import { errorsByField } from './errors';
import { computesLive } from './live/computes-live';
import { useLinkage } from './live/linkage';
import { applyPicked, type Picked } from './live/picked';
import {
  FieldItemTemplate,
  ForecourtField,
  GridObjectTemplate,
  noValidation,
  RendererContext,
  rjsfErrors,
  schemaOf,
} from './rjsf';
import { type FormScope, FormScopeContext } from './scope';
import type { FormData } from './types';
import './form.css';

export interface FormRendererProps {
  definition: Pick<FormDefinition, 'fields'> & Partial<FormDefinition>;
  value: FormData;
  /** `computed`: formulas, expression or linkage defaults changed it, not the person filling it in. */
  onChange(value: FormData, cause: 'user' | 'computed'): void;
  /** The server's 422 `details` (paths such as `/f_parts/1/f_qty`). A field's errors clear when it changes. */
  errors?: readonly ErrorDetail[];
  /** Default: the phone layout under 768 px. */
  mode?: 'desktop' | 'phone';
  /** Field ids shown but not editable (a workflow node's read-only fields). */
  readOnlyFields?: readonly string[];
  /** Field ids not shown at all. */
  hiddenFields?: readonly string[];
  /** Everything read-only (a preview). */
  readOnly?: boolean;
  /** A new record: expression defaults follow the fields they read until the user types over them. */
  isNew?: boolean;
  /** Field ids to treat as typed by the user from the start (a restored draft's): defaults leave them be. */
  initiallyTouched?: readonly string[];
  /** The form uploads go to (`POST /api/forms/:formId/files`); without it file and signature fields are off. */
  uploadFormId?: string;
  /** A public fill link's token: no session (no people, relation or file fields on such forms). */
  publicToken?: string;
}

const NO_FIELDS: readonly string[] = [];

export function FormRenderer({
  definition,
  value,
  onChange,
  errors,
  mode,
  readOnlyFields = NO_FIELDS,
  hiddenFields = NO_FIELDS,
  readOnly = false,
  isNew = false,
  initiallyTouched = NO_FIELDS,
  uploadFormId,
  publicToken,
}: FormRendererProps) {
  const label = useLabel();
  const isPhone = useIsPhone();
  const phone = mode ? mode === 'phone' : isPhone;
  const fields = definition.fields as FieldDef[];
  const sections = definition.sections;
  // Fields with a visibility rule stay hidden until the first live pass has decided: a field the rule
  // hides must not flash up while the expression module loads.
  const [hiddenByRules, setHiddenByRules] = useState<ReadonlySet<string>>(
    () => new Set(fields.filter((f) => typeof f.visibleIf === 'string').map((f) => f.id)),
  );
  const touched = useRef(new Set<string>(initiallyTouched));
  const picked = useRef<Picked>({});
  const latest = useRef(value);
  latest.current = value;

  // Recompute whenever the data changes; a result for data that has changed since is dropped. The
  // expression module (JSONata, RE2) loads only for forms that compute something as the user types.
  const live = useMemo(() => computesLive(fields), [fields]);
  useEffect(() => {
    if (!live) {
      setHiddenByRules((previous) => (previous.size ? new Set() : previous));
      return;
    }
    let current = true;
    import('./live/compute')
      .then(({ computeLive }) =>
        computeLive(fields, value, {
          now: new Date(),
          timeZone: 'Asia/Shanghai',
          isNew,
          touched: touched.current,
        }),
      )
      .then((result) => {
        if (!current || latest.current !== value) return;
        setHiddenByRules((previous) => (sameSet(previous, result.hidden) ? previous : result.hidden));
        if (JSON.stringify(result.data) !== JSON.stringify(value)) onChange(result.data, 'computed');
      });
    return () => {
      current = false;
    };
  }, [live, fields, value, isNew, onChange]);

  // Server errors stay until the field they are about is changed.
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set());
  // biome-ignore lint/correctness/useExhaustiveDependencies: new errors from the server show again
  useEffect(() => setDismissed(new Set()), [errors]);
  const shownErrors = useMemo(() => {
    const all = errorsByField(errors);
    for (const fieldId of dismissed) delete all[fieldId];
    return all;
  }, [errors, dismissed]);

  const setField = useCallback(
    (fieldId: string, fieldValue: unknown) => {
      touched.current.add(fieldId);
      const next = applyPicked(fields, { ...latest.current, [fieldId]: fieldValue }, fieldId, picked.current);
      if (fieldValue === null || fieldValue === undefined) delete next[fieldId];
      latest.current = next;
      setDismissed((previous) => (previous.has(fieldId) ? previous : new Set([...previous, fieldId])));
      onChange(next, 'user');
    },
    [fields, onChange],
  );

  // A linkage default fills its field without marking it as typed by the user.
  const fillLinked = useCallback(
    (fieldId: string, fieldValue: unknown) => {
      const next = { ...latest.current, [fieldId]: fieldValue };
      latest.current = next;
      onChange(next, 'computed');
    },
    [onChange],
  );
  useLinkage(fields, value, isNew && !readOnly && !publicToken, touched.current, fillLinked);

  const scope = useMemo<FormScope>(
    () => ({
      phone,
      ...(uploadFormId ? { uploadFormId } : {}),
      ...(publicToken ? { publicToken } : {}),
      rememberPicked: (fieldId, records) => {
        picked.current[fieldId] = records;
      },
    }),
    [phone, uploadFormId, publicToken],
  );

  const { schema, uiSchema } = useMemo(
    () =>
      schemaOf({
        fields,
        sections,
        label,
        phone,
        hidden: new Set([...hiddenFields, ...hiddenByRules]),
        readOnly: readOnly ? 'all' : new Set(readOnlyFields),
      }),
    [fields, sections, label, phone, hiddenFields, hiddenByRules, readOnly, readOnlyFields],
  );
  const extraErrors = useMemo(() => rjsfErrors(shownErrors), [shownErrors]);
  const state = useMemo(
    () => ({ data: value, errors: shownErrors, setField }),
    [value, shownErrors, setField],
  );

  return (
    <FormScopeContext.Provider value={scope}>
      <RendererContext.Provider value={state}>
        <Form
          className={`fill-form${phone ? ' fill-form-phone' : ''}`}
          tagName="div"
          schema={schema}
          uiSchema={uiSchema}
          formData={value}
          validator={noValidation}
          fields={{ forecourt: ForecourtField }}
          templates={{ ObjectFieldTemplate: GridObjectTemplate, FieldTemplate: FieldItemTemplate }}
          extraErrors={extraErrors}
          showErrorList={false}
          noHtml5Validate
          formContext={{ colon: false, descriptionLocation: 'below' }}
        />
      </RendererContext.Provider>
    </FormScopeContext.Provider>
  );
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a.size === b.size && [...a].every((item) => b.has(item));
}

export default FormRenderer;
