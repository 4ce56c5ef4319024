/**
 * The app page's ways into the form designer, for admins: "新建表单" (a new form in the app, then its
 * designer) and a "设计" link on each form card. Kept here so AppPage only places them.
 */
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ApiError, post } from '../../api/client';
import type { Form } from '../../api/types';
import { useIsPhone } from '../../shell/useIsPhone';
import './form-design.css';

/**
 * Those who build the app's forms (workspace admins and the app's admins: the app answer's `manages`),
 * on a PC (the designer asks phones for a PC).
 */
export function useCanDesign(manages: boolean): boolean {
  const phone = useIsPhone();
  return manages && !phone;
}

export function DesignLink({ formId }: { formId: string }) {
  const { t } = useTranslation();
  return (
    <Link to={`/design/forms/${encodeURIComponent(formId)}`} className="design-link">
      <EditOutlined /> {t('formDesigner.app.design')}
    </Link>
  );
}

export function NewFormButton({ appId }: { appId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [zh, setZh] = useState('');
  const [en, setEn] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const create = async () => {
    setCreating(true);
    setError(null);
    try {
      const form = await post<Form>(`/api/apps/${encodeURIComponent(appId)}/forms`, {
        title: { zh: zh.trim(), en: en.trim() || zh.trim() },
      });
      navigate(`/design/forms/${encodeURIComponent(form.id)}`);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : String(caught));
    } finally {
      setCreating(false);
    }
  };
  return (
    <>
      <Button icon={<PlusOutlined />} onClick={() => setOpen(true)}>
        {t('formDesigner.app.newForm')}
      </Button>
      <Modal
        open={open}
        title={t('formDesigner.app.newForm')}
        okText={t('formDesigner.app.create')}
        cancelText={t('formDesigner.publish.cancel')}
        okButtonProps={{ disabled: zh.trim() === '' }}
        confirmLoading={creating}
        onOk={() => void create()}
        onCancel={() => setOpen(false)}
      >
        <label className="new-form-label" htmlFor="new-form-zh">
          {t('formDesigner.app.titleZh')}
        </label>
        <Input id="new-form-zh" value={zh} onChange={(e) => setZh(e.target.value)} autoFocus />
        <label className="new-form-label" htmlFor="new-form-en">
          {t('formDesigner.app.titleEn')}
        </label>
        <Input
          id="new-form-en"
          value={en}
          onChange={(e) => setEn(e.target.value)}
          onPressEnter={() => void create()}
        />
        {error ? <div className="new-form-error">{error}</div> : null}
      </Modal>
    </>
  );
}
