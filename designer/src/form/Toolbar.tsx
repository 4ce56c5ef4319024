/** The designer's top bar: the form's title, save state, undo/redo, preview, links, publish. */
import {
  CheckCircleOutlined,
  CloudUploadOutlined,
  EyeOutlined,
  LoadingOutlined,
  RedoOutlined,
  UndoOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { Button, Space, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SaveStatus } from './useAutosave';

export interface ToolbarProps {
  title: string;
  version: number | null;
  status: SaveStatus;
  issueCount: number;
  canUndo: boolean;
  canRedo: boolean;
  onUndo(): void;
  onRedo(): void;
  onPreview(): void;
  onPublish(): void;
  publishing: boolean;
  links: { permissions: string; publicLinks: string; records: string };
  navigate(href: string): void;
}

export function Toolbar(props: ToolbarProps) {
  const { t } = useTranslation();
  const status = {
    saved: { icon: <CheckCircleOutlined />, text: t('formDesigner.save.saved') },
    pending: { icon: <LoadingOutlined />, text: t('formDesigner.save.pending') },
    saving: { icon: <LoadingOutlined />, text: t('formDesigner.save.saving') },
    invalid: { icon: <WarningOutlined />, text: t('formDesigner.save.invalid', { count: props.issueCount }) },
    failed: { icon: <WarningOutlined />, text: t('formDesigner.save.failed') },
  }[props.status];
  const link = (href: string, text: string) => (
    <Button
      type="link"
      href={href}
      onClick={(event) => {
        event.preventDefault();
        props.navigate(href);
      }}
    >
      {text}
    </Button>
  );
  return (
    <header className="fd-toolbar">
      <div className="fd-toolbar-title">
        <Typography.Title level={4}>{props.title}</Typography.Title>
        <span className="fd-muted">
          {props.version
            ? t('formDesigner.toolbar.version', { version: props.version })
            : t('formDesigner.toolbar.unpublished')}
        </span>
        <span className={`fd-save is-${props.status}`} role="status" data-status={props.status}>
          {status.icon} {status.text}
        </span>
      </div>
      <Space wrap size={4}>
        <Tooltip title="Ctrl+Z">
          <Button
            icon={<UndoOutlined />}
            disabled={!props.canUndo}
            onClick={props.onUndo}
            aria-label={t('formDesigner.toolbar.undo')}
          >
            {t('formDesigner.toolbar.undo')}
          </Button>
        </Tooltip>
        <Tooltip title="Ctrl+Shift+Z">
          <Button
            icon={<RedoOutlined />}
            disabled={!props.canRedo}
            onClick={props.onRedo}
            aria-label={t('formDesigner.toolbar.redo')}
          >
            {t('formDesigner.toolbar.redo')}
          </Button>
        </Tooltip>
        <Button icon={<EyeOutlined />} onClick={props.onPreview}>
          {t('formDesigner.toolbar.preview')}
        </Button>
        {link(props.links.permissions, t('formDesigner.toolbar.permissions'))}
        {link(props.links.publicLinks, t('formDesigner.toolbar.publicLinks'))}
        {props.version ? link(props.links.records, t('formDesigner.toolbar.records')) : null}
        <Button
          type="primary"
          icon={<CloudUploadOutlined />}
          loading={props.publishing}
          onClick={props.onPublish}
        >
          {t('formDesigner.toolbar.publish')}
        </Button>
      </Space>
    </header>
  );
}
