/**
 * A public fill link: the form through the shared renderer (form/FormRenderer.tsx: one widget per field
 * type, live formulas and visibility rules), in its phone layout; sent through the link; the server's
 * verdict shown on the fields it names. This module is its own chunk: only fill links load the renderer.
 */
import { type FieldDef, fieldTypes } from '@forecourt/schemas';
import { Alert, Button } from 'antd';
import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorDetail } from '../api/client';
import { FormRenderer } from '../form/FormRenderer';
import { initialData } from '../form/live/defaults';
import { useLabel } from '../i18n/label';
import { PublicApiError, type PublicForm, type PublicSubmission, submitThroughLink } from './publicApi';
import { Submitted } from './Submitted';
import { placeErrors } from './serverErrors';

/** Computed by the server (serials, formulas), layout only, or set by the store (read-only): never sent. */
function takesNoInput(field: FieldDef): boolean {
  const type = fieldTypes.get(field.type);
  return !type || type.computed || !type.storesValue || field.readOnly === true;
}

const isEmpty = (value: unknown) =>
  value === undefined ||
  value === null ||
  (typeof value === 'string' && value.trim() === '') ||
  (Array.isArray(value) && value.length === 0);

/**
 * What a submission sends: the filled fields a visitor may fill; the server refuses anything else
 * (a read-only field's default included: it applies that default itself).
 */
function payload(fields: readonly FieldDef[], data: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields)
    if (!takesNoInput(field) && !isEmpty(data[field.id])) out[field.id] = data[field.id];
  return out;
}

/**
 * Required fields left empty, checked before sending so the customer reads the request in their own
 * language. Fields shown by a rule (`visibleIf`) are left to the server, which knows whether they show.
 */
function missing(fields: readonly FieldDef[], data: Record<string, unknown>, ask: (f: FieldDef) => string) {
  return fields
    .filter((f) => f.required && !f.visibleIf && !takesNoInput(f))
    .filter((f) => isEmpty(data[f.id]))
    .map((f): ErrorDetail => ({ path: `/${f.id}`, message: ask(f) }));
}

export default function FillPage({
  token,
  password,
  view,
  onLinkError,
}: {
  token: string;
  password: string;
  view: PublicForm;
  onLinkError(error: PublicApiError): void;
}) {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const fields = view.form.fields;
  const start = useMemo(() => initialData(fields, {}), [fields]);
  const [data, setData] = useState<Record<string, unknown>>(start);
  const [errors, setErrors] = useState<ErrorDetail[]>([]);
  const [problems, setProblems] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ data: Record<string, unknown>; submission: PublicSubmission }>();
  const formRef = useRef<HTMLFormElement>(null);
  // Not the customer's to see before sending: the store's read-only fields, and values still unassigned
  // (a serial number's counter is taken when the record is created).
  const hidden = useMemo(
    () =>
      fields
        .filter((f) => f.readOnly === true || fieldTypes.get(f.type)?.extraWrites === 'counter')
        .map((f) => f.id),
    [fields],
  );
  const shownIds = useMemo(
    () => new Set(fields.map((f) => f.id).filter((id) => !hidden.includes(id))),
    [fields, hidden],
  );

  // After errors arrive, bring the first field in error into view (the renderer marks it).
  useEffect(() => {
    if (!errors.length) return;
    const first = formRef.current?.querySelector('.ant-form-item-has-error');
    first?.scrollIntoView({ block: 'center' });
  }, [errors]);

  if (done)
    return (
      <Submitted
        fields={fields}
        data={done.data}
        submission={done.submission}
        onAgain={() => {
          setDone(undefined);
          setData(start);
          setErrors([]);
        }}
      />
    );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblems([]);
    const empty = missing(fields, data, (f) =>
      fieldTypes.get(f.type)?.chosen
        ? t('publicPage.field.choose', { label: label(f.label) })
        : t('publicPage.field.required', { label: label(f.label) }),
    );
    if (empty.length) return setErrors(empty);
    const sent = payload(fields, data);
    setBusy(true);
    try {
      const submission = await submitThroughLink(token, password, sent);
      setDone({ data: sent, submission });
      window.scrollTo({ top: 0 });
    } catch (caught) {
      const error =
        caught instanceof PublicApiError ? caught : new PublicApiError(0, 'network', String(caught), []);
      if ([401, 403, 404].includes(error.status)) return onLinkError(error);
      if (error.status === 422) {
        const placed = placeErrors(error.details, '', shownIds, i18n.language, t);
        setErrors(placed.onFields);
        setProblems(placed.rest);
        return;
      }
      setProblems([
        error.status === 429
          ? t('publicPage.fill.tooMany', { seconds: error.retryAfter ?? 60 })
          : error.status === 0
            ? t('publicPage.failed.hint')
            : error.message,
      ]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form ref={formRef} className="public-form public-fill" noValidate onSubmit={submit}>
      <FormRenderer
        definition={view.form}
        value={data}
        onChange={setData}
        errors={errors}
        hiddenFields={hidden}
        // One column on every screen: the page is a phone-sized column even on a desktop.
        mode="phone"
        isNew
        publicToken={token}
      />
      {problems.length > 0 && (
        <Alert
          type="error"
          showIcon
          className="public-alert"
          title={t('publicPage.fill.notSent')}
          description={problems.join('\n')}
        />
      )}
      <Button type="primary" htmlType="submit" size="large" block loading={busy} className="public-submit">
        {t('publicPage.fill.submit')}
      </Button>
    </form>
  );
}
