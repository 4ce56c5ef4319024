/**
 * Filling in a record: a new one, or an existing one (PATCH with its revision). Drafts survive a reload;
 * the server's field errors show on their fields; a record changed by someone else meanwhile (409) says
 * so and keeps the user's changes in the draft; a saved record can be submitted into its approval flow.
 */
import { Alert, Button, Card, message, Space, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ApiError, api, type ErrorDetail, post } from '../api/client';
import { definitionOf, type FormView, type RecordRow } from '../api/types';
import { useLabel } from '../i18n/label';
import { useMe } from '../session/session';
import { useIsPhone } from '../shell/useIsPhone';
import { draftKey, readDraft, useDraftWriter } from './drafts';
import { FormRenderer } from './FormRenderer';
import { initialData } from './live/defaults';
import { createPayload, updatePayload } from './payload';
import type { FormData } from './types';
import { useRecordActions } from './useRecordActions';

type Problem =
  | { kind: 'invalid'; details: ErrorDetail[]; message: string }
  | { kind: 'conflict' }
  | { kind: 'noFlow' }
  | { kind: 'other'; message: string };

export function RecordEditor({
  view,
  record: loaded,
  justSaved,
}: {
  view: FormView;
  record?: RecordRow;
  justSaved?: boolean;
}) {
  const { t } = useTranslation();
  const label = useLabel();
  const me = useMe();
  const phone = useIsPhone();
  const navigate = useNavigate();
  // The record as last read or saved: a save answers the new revision, the next save sends it.
  const [record, setRecord] = useState(loaded);
  const definition = definitionOf(view);
  const formId = view.form.id;
  const key = draftKey(me.user.id, formId, loaded?.id);
  const [restored, setRestored] = useState(() => readDraft(key));
  const [data, setData] = useState<FormData>(
    () =>
      restored?.data ??
      record?.data ??
      initialData(definition.fields, {
        userId: me.user.id,
        departmentId: me.departments.find((d) => d.isPrimary)?.departmentId,
      }),
  );
  const [dirty, setDirty] = useState(!!restored);
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState<'save' | 'submit'>();
  const [showRestored, setShowRestored] = useState(!!restored);
  const [savedNow, setSavedNow] = useState(justSaved === true);
  // An edit's draft remembers what it started from: after someone else's change (409, reload) only the
  // fields this user changed are sent, on top of the newest revision.
  const base = useMemo(
    () => (record ? { rev: restored?.rev ?? record.rev, data: restored?.base ?? record.data } : undefined),
    [record, restored],
  );
  const draft = useDraftWriter(key, data, dirty, base);
  // A restored new record keeps what the user had typed: expression defaults must not overwrite it.
  const [restoredFields] = useState(() => (restored && !loaded ? Object.keys(restored.data) : undefined));
  const actions = useRecordActions(formId, record?.id, record?.rev);

  // Dirty once the user changed what a save would send. Until then whatever the form computes by itself
  // (expression and linkage defaults, formulas) moves the baseline along, so opening a form and leaving
  // it writes no draft.
  const pristine = useRef(JSON.stringify(createPayload(definition.fields, data)));
  const dirtyRef = useRef(dirty);
  dirtyRef.current = dirty;
  const onChange = useCallback(
    (next: FormData, cause: 'user' | 'computed') => {
      setData(next);
      const payload = JSON.stringify(createPayload(definition.fields, next));
      if (payload === pristine.current) return;
      if (cause === 'computed' && !dirtyRef.current) pristine.current = payload;
      else setDirty(true);
    },
    [definition.fields],
  );

  const fail = (error: unknown) => {
    if (error instanceof ApiError && error.status === 422 && error.details.some((d) => d.path !== '/'))
      setProblem({ kind: 'invalid', details: error.details, message: error.message });
    else if (error instanceof ApiError && error.status === 409) setProblem({ kind: 'conflict' });
    else setProblem({ kind: 'other', message: error instanceof Error ? error.message : String(error) });
  };

  /** Saves and answers the stored record, or undefined when the server refused. */
  const save = async (): Promise<RecordRow | undefined> => {
    setProblem(undefined);
    try {
      const saved = record
        ? await api<RecordRow>('PATCH', `/api/forms/${formId}/records/${record.id}`, {
            rev: record.rev,
            data: updatePayload(definition.fields, data, base?.data ?? record.data),
          })
        : await post<RecordRow>(`/api/forms/${formId}/records`, {
            data: createPayload(definition.fields, data),
          });
      draft.clear();
      setDirty(false);
      setSavedNow(false);
      return saved;
    } catch (error) {
      fail(error);
      return undefined;
    }
  };

  /** The editor continues from the saved revision: the next save or submit sends that one. */
  const adopt = (saved: RecordRow) => {
    setRecord(saved);
    setRestored(undefined);
    setShowRestored(false);
    setData(saved.data);
    pristine.current = JSON.stringify(createPayload(definition.fields, saved.data));
    setDirty(false);
  };

  const onSave = async () => {
    setBusy('save');
    const saved = await save();
    setBusy(undefined);
    if (!saved) return;
    message.success(t('fill.saved'));
    if (!record) {
      navigate(`/forms/${formId}/records/${saved.id}/edit`, { replace: true, state: { saved: true } });
      return;
    }
    adopt(saved);
    setSavedNow(true);
  };

  const onSubmit = async () => {
    if (!record) return;
    setBusy('submit');
    const saved = dirty ? await save() : record;
    // Saved but the submit may still be refused: stay on the new revision, not the one loaded.
    if (saved && saved !== record) adopt(saved);
    if (saved) {
      try {
        await post(`/api/forms/${formId}/records/${record.id}/submit`);
        message.success(t('fill.submitted'));
        navigate(`/forms/${formId}/records/${record.id}`);
      } catch (error) {
        if (error instanceof ApiError && error.status === 422 && error.details.every((d) => d.path === '/'))
          setProblem({ kind: 'noFlow' });
        else fail(error);
      }
    }
    setBusy(undefined);
  };

  // A refused save shows where the problem is: the first field marked red, else the message on top.
  useEffect(() => {
    if (!problem) return;
    const frame = requestAnimationFrame(() =>
      document
        .querySelector(
          '.fill-page .ant-form-item-has-error, .fill-page .fill-cell-invalid, .fill-alerts .ant-alert',
        )
        ?.scrollIntoView({ block: 'center' }),
    );
    return () => cancelAnimationFrame(frame);
  }, [problem]);

  const errors = problem?.kind === 'invalid' ? problem.details : undefined;
  const inFlow = record?.flowState === 'running';
  const title = label(definition.title);
  const heading = record ? t('fill.editRecord', { form: title }) : t('fill.newRecord', { form: title });
  const back = record ? `/forms/${formId}/records/${record.id}` : `/forms/${formId}/records`;

  const problemAlert = useMemo(() => {
    if (!problem) return null;
    if (problem.kind === 'invalid')
      return <Alert type="error" showIcon title={t('fill.invalid', { count: problem.details.length })} />;
    if (problem.kind === 'conflict')
      return (
        <Alert
          type="warning"
          showIcon
          title={t('fill.conflict')}
          action={<Button onClick={() => window.location.reload()}>{t('fill.reload')}</Button>}
        />
      );
    if (problem.kind === 'noFlow') return <Alert type="info" showIcon title={t('fill.noFlow')} />;
    return <Alert type="error" showIcon title={t('errors.generic')} description={problem.message} />;
  }, [problem, t]);

  return (
    <div className="page fill-page">
      <div className="page-heading">
        <Typography.Title level={3}>{heading}</Typography.Title>
        <Link to={back}>{record ? t('fill.backToRecord') : t('fill.backToList')}</Link>
      </div>
      <Space orientation="vertical" size={12} className="fill-alerts">
        {savedNow && !dirty && !problem && <Alert type="success" showIcon title={t('fill.saved')} />}
        {showRestored && (
          <Alert
            type="info"
            showIcon
            title={t('fill.draftRestored')}
            description={record && restored?.rev !== record.rev ? t('fill.draftOutdated') : undefined}
            closable={{ onClose: () => setShowRestored(false) }}
            action={
              <Button
                size="small"
                onClick={() => {
                  draft.discard();
                  window.location.reload();
                }}
              >
                {t('fill.discardDraft')}
              </Button>
            }
          />
        )}
        {inFlow && <Alert type="info" showIcon title={t('fill.inFlow')} />}
        {problemAlert}
      </Space>
      <Card className="fill-card">
        <FormRenderer
          definition={definition}
          value={data}
          onChange={onChange}
          errors={errors}
          isNew={!record}
          initiallyTouched={restoredFields}
          readOnly={inFlow}
          uploadFormId={formId}
          mode={phone ? 'phone' : 'desktop'}
        />
      </Card>
      <div className={`fill-actions${phone ? ' fill-actions-phone' : ''}`}>
        <Button onClick={() => navigate(back)}>{t('fill.cancel')}</Button>
        {record && !inFlow && actions.includes('submit') && (
          <Button loading={busy === 'submit'} disabled={!!busy} onClick={onSubmit}>
            {t('fill.submitForApproval')}
          </Button>
        )}
        {!inFlow && (
          <Button type="primary" loading={busy === 'save'} disabled={!!busy} onClick={onSave}>
            {t('fill.save')}
          </Button>
        )}
      </div>
    </div>
  );
}
