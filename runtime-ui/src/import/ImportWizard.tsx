import { InboxOutlined } from '@ant-design/icons';
import type { ImportView as ImportReport } from '@forecourt/schemas/api';
import {
  Alert,
  Button,
  InputNumber,
  Modal,
  Result,
  Select,
  Spin,
  Steps,
  Table,
  Typography,
  Upload,
} from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, get, post } from '../api/client';
import type { FieldDef } from '../api/types';
import { useLabel } from '../i18n/label';
import './import.css';
import { uploadImport } from './requests';

/** Types whose values the server computes or keeps itself: no column can fill them. */
const NOT_IMPORTABLE = new Set([
  'divider',
  'description',
  'formula',
  'lookup',
  'rollup',
  'serial',
  'createdBy',
  'createdAt',
  'updatedBy',
  'updatedAt',
  'flowState',
]);

/** The longest the wizard waits for one dry run or commit; the server's job goes on regardless. */
const MAX_WAIT_MS = 10 * 60_000;

/** The wizard stopped waiting: closed, started over, or waited too long. */
class StoppedWaiting extends Error {
  constructor(readonly timedOut: boolean) {
    super(timedOut ? 'timed out' : 'abandoned');
  }
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });

/** Polls an import until its dry run or commit is over, the wizard lets go of it, or too long passed. */
async function finished(importId: string, signal: AbortSignal): Promise<ImportReport> {
  const deadline = Date.now() + MAX_WAIT_MS;
  for (;;) {
    if (signal.aborted) throw new StoppedWaiting(false);
    const report = await get<ImportReport>(`/api/imports/${importId}`);
    if (signal.aborted) throw new StoppedWaiting(false);
    if (report.status !== 'pending' && report.status !== 'running') return report;
    if (Date.now() > deadline) throw new StoppedWaiting(true);
    await sleep(400, signal);
  }
}

interface Props {
  formId: string;
  fields: readonly FieldDef[];
  open: boolean;
  onClose(imported: boolean): void;
}

/**
 * Importing a spreadsheet in three steps: choose an .xlsx or .csv file; see which column fills which
 * field (matched by label, changeable) and the dry run's report, every bad row named, nothing written;
 * then commit the whole file at once. A file with problems is fixed and chosen again.
 */
export function ImportWizard({ formId, fields, open, onClose }: Props) {
  const { t } = useTranslation();
  const label = useLabel();
  const [file, setFile] = useState<File>();
  const [report, setReport] = useState<ImportReport>();
  const [mapping, setMapping] = useState<Record<string, string | null>>();
  const [headerRow, setHeaderRow] = useState<number>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<ImportReport>();
  const importable = fields.filter((f) => !f.hidden && !NOT_IMPORTABLE.has(f.type));
  const step = done ? 2 : report ? 1 : 0;
  // Another header row means other columns: the check runs again with the columns matched afresh.
  const headerChanged = !!report && headerRow !== undefined && headerRow !== report.headerRow;
  const mappingChanged =
    headerChanged || (report && mapping && JSON.stringify(mapping) !== JSON.stringify(mappingOf(report)));

  // The request in flight; aborted when the wizard closes or starts over, so a late answer (an old
  // dry run's report) never comes back into a wizard that moved on.
  const running = useRef<AbortController>(undefined);
  const letGo = () => {
    running.current?.abort();
    running.current = undefined;
    setBusy(false);
  };
  useEffect(() => () => running.current?.abort(), []);

  const attempt = async (work: (signal: AbortSignal) => Promise<void>) => {
    running.current?.abort();
    const mine = new AbortController();
    running.current = mine;
    setBusy(true);
    setError(undefined);
    try {
      await work(mine.signal);
    } catch (failure) {
      if (mine.signal.aborted) return;
      const api = failure instanceof ApiError ? failure : undefined;
      setError(
        failure instanceof StoppedWaiting
          ? t('grid.import.tooLong')
          : api
            ? [api.message, ...api.details.map((d) => d.message)].join(' ')
            : t('errors.generic'),
      );
    } finally {
      if (running.current === mine) {
        running.current = undefined;
        setBusy(false);
      }
    }
  };
  const check = (chosen: File, columns?: Record<string, string | null>, row?: number) =>
    attempt(async (signal) => {
      const importId = await uploadImport(formId, chosen, {
        mode: 'dryRun',
        mapping: columns,
        headerRow: row,
      });
      const checked = await finished(importId, signal);
      setReport(checked);
      setMapping(mappingOf(checked));
      setHeaderRow(checked.headerRow);
    });
  const commit = () =>
    attempt(async (signal) => {
      if (!report) return;
      await post(`/api/imports/${report.id}/commit`);
      const committed = await finished(report.id, signal);
      if (committed.status !== 'done') setError(committed.message ?? t('grid.import.failed'));
      else setDone(committed);
    });
  const reset = () => {
    letGo();
    setFile(undefined);
    setReport(undefined);
    setMapping(undefined);
    setHeaderRow(undefined);
    setDone(undefined);
    setError(undefined);
  };
  const close = () => {
    const imported = done !== undefined;
    reset();
    onClose(imported);
  };

  const fieldOptions = [
    { value: '', label: t('grid.import.skip') },
    ...importable.map((f) => ({ value: f.id, label: label(f.label) })),
  ];
  const fieldName = (id: string | null) => label(fields.find((f) => f.id === id)?.label) || id || '—';

  return (
    <Modal
      open={open}
      title={t('grid.import.title')}
      width={780}
      onCancel={close}
      footer={footer()}
      className="import-wizard"
      destroyOnHidden
    >
      <Steps
        current={step}
        size="small"
        items={[
          { title: t('grid.import.stepFile') },
          { title: t('grid.import.stepCheck') },
          { title: t('grid.import.stepDone') },
        ]}
      />
      <Spin spinning={busy}>
        <div className="import-body">
          {error && <Alert type="error" showIcon title={error} className="import-error" />}
          {step === 0 && (
            <Upload.Dragger
              accept=".xlsx,.csv"
              maxCount={1}
              beforeUpload={(chosen) => {
                setFile(chosen);
                return false;
              }}
              onRemove={() => setFile(undefined)}
              fileList={file ? [{ uid: 'file', name: file.name, status: 'done' }] : []}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p>{t('grid.import.drop')}</p>
              <Typography.Text type="secondary">{t('grid.import.hint')}</Typography.Text>
            </Upload.Dragger>
          )}
          {step === 1 && report && mapping && (
            <>
              <div className="import-header-row">
                <label htmlFor="import-header-row">{t('grid.import.headerRow')}</label>
                <InputNumber
                  id="import-header-row"
                  min={1}
                  max={1000}
                  precision={0}
                  value={headerRow}
                  onChange={(row) => setHeaderRow(typeof row === 'number' ? row : undefined)}
                />
                <Typography.Text type="secondary">{t('grid.import.headerRowHint')}</Typography.Text>
              </div>
              <Typography.Title level={5}>{t('grid.import.columns')}</Typography.Title>
              <ul className="import-mapping">
                {report.headers.map((header, index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: a column is its position in the file; headers may repeat
                  <li key={index}>
                    <span className="import-header">{header || `#${index + 1}`}</span>
                    <Select
                      aria-label={t('grid.import.fieldFor', { header })}
                      options={fieldOptions}
                      value={mapping[index] ?? ''}
                      onChange={(id: string) => setMapping((m) => ({ ...m, [index]: id || null }))}
                      popupMatchSelectWidth={false}
                    />
                  </li>
                ))}
              </ul>
              {mappingChanged ? (
                <Alert type="info" showIcon title={t('grid.import.recheckHint')} />
              ) : report.status === 'failed' ? (
                <Alert type="error" showIcon title={report.message ?? t('grid.import.failed')} />
              ) : report.errorCount === 0 ? (
                <Alert
                  type="success"
                  showIcon
                  title={t('grid.import.clean', { count: report.totalRows, created: report.created })}
                />
              ) : (
                <>
                  <Alert
                    type="error"
                    showIcon
                    title={t('grid.import.problems', { count: report.errorCount, rows: report.badRows })}
                    description={t('grid.import.fixHint')}
                  />
                  <Table
                    className="import-problems"
                    size="small"
                    rowKey={(p) => `${p.row}-${p.column}-${p.message}`}
                    pagination={report.problems.length > 8 ? { pageSize: 8 } : false}
                    dataSource={report.problems}
                    columns={[
                      { title: t('grid.import.row'), dataIndex: 'row', width: 64 },
                      {
                        title: t('grid.import.column'),
                        render: (_, p) => p.column ?? fieldName(p.field),
                        width: 140,
                      },
                      { title: t('grid.import.problem'), dataIndex: 'message' },
                    ]}
                  />
                </>
              )}
            </>
          )}
          {step === 2 && done && (
            <Result
              status="success"
              title={t('grid.import.committed', { count: done.created + done.updated })}
            />
          )}
        </div>
      </Spin>
    </Modal>
  );

  function footer() {
    if (step === 0)
      return [
        <Button key="cancel" onClick={close}>
          {t('common.cancel')}
        </Button>,
        <Button
          key="check"
          type="primary"
          disabled={!file}
          loading={busy}
          onClick={() => file && check(file)}
        >
          {t('grid.import.check')}
        </Button>,
      ];
    if (step === 1)
      return [
        <Button key="again" onClick={reset}>
          {t('grid.import.chooseAgain')}
        </Button>,
        mappingChanged ? (
          <Button
            key="recheck"
            type="primary"
            loading={busy}
            onClick={() => file && check(file, headerChanged ? undefined : mapping, headerRow)}
          >
            {t('grid.import.recheck')}
          </Button>
        ) : (
          <Button
            key="commit"
            type="primary"
            loading={busy}
            disabled={!report || report.errorCount > 0 || report.status !== 'dry_run_done'}
            onClick={commit}
          >
            {t('grid.import.commit', { count: report?.totalRows ?? 0 })}
          </Button>
        ),
      ];
    return [
      <Button key="close" type="primary" onClick={close}>
        {t('grid.import.close')}
      </Button>,
    ];
  }
}

/** The report's mapping (column index → field id) with every header present: unmapped ones null. */
function mappingOf(report: ImportReport): Record<string, string | null> {
  return Object.fromEntries(report.headers.map((_, i) => [String(i), report.mapping[i] ?? null]));
}
