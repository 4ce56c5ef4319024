/** Publishing in two steps: save, dry run (the change summary), then publish on confirmation. */
import { message } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormDesignerApi, PublishSummary } from './types';
import { issuesOf } from './types';

export function usePublish(
  api: FormDesignerApi,
  flush: () => Promise<boolean>,
  onPublished: (version: number) => void,
) {
  const { t } = useTranslation();
  const [summary, setSummary] = useState<PublishSummary | null>(null);
  const [publishing, setPublishing] = useState(false);

  const failed = (error: unknown) => {
    const issues = issuesOf(error);
    void message.error(
      issues.length
        ? t('formDesigner.publish.invalid', { count: issues.length })
        : t('formDesigner.publish.error', {
            message: error instanceof Error ? error.message : String(error),
          }),
    );
  };

  const start = async () => {
    setPublishing(true);
    try {
      if (!(await flush())) {
        void message.error(t('formDesigner.publish.fixFirst'));
        return;
      }
      setSummary(await api.publish(true));
    } catch (error) {
      failed(error);
    } finally {
      setPublishing(false);
    }
  };

  const confirm = async () => {
    setPublishing(true);
    try {
      const done = await api.publish(false);
      setSummary(null);
      void message.success(t('formDesigner.publish.done', { version: done.version }));
      onPublished(done.version);
    } catch (error) {
      failed(error);
    } finally {
      setPublishing(false);
    }
  };

  return { summary, publishing, start, confirm, cancel: () => setSummary(null) };
}
