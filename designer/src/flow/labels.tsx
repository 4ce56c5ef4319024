import {
  AuditOutlined,
  BranchesOutlined,
  CheckCircleOutlined,
  EditOutlined,
  ForkOutlined,
  MergeCellsOutlined,
  PartitionOutlined,
  PlayCircleOutlined,
  SendOutlined,
  ThunderboltOutlined,
} from '@ant-design/icons';
import type { Label, NodeType } from '@forecourt/schemas';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** The words and icons of node types; default labels carry both languages, whichever the admin reads. */
export function typeName(t: TFunction, type: NodeType): string {
  switch (type) {
    case 'start':
      return t('flowDesigner.type.start');
    case 'approval':
      return t('flowDesigner.type.approval');
    case 'fill':
      return t('flowDesigner.type.fill');
    case 'cc':
      return t('flowDesigner.type.cc');
    case 'condition':
      return t('flowDesigner.type.condition');
    case 'parallel':
      return t('flowDesigner.type.parallel');
    case 'join':
      return t('flowDesigner.type.join');
    case 'action':
      return t('flowDesigner.type.action');
    case 'subflow':
      return t('flowDesigner.type.subflow');
    case 'end':
      return t('flowDesigner.type.end');
  }
}

export const TYPE_ICONS: Record<NodeType, ReactNode> = {
  start: <PlayCircleOutlined />,
  approval: <AuditOutlined />,
  fill: <EditOutlined />,
  cc: <SendOutlined />,
  condition: <BranchesOutlined />,
  parallel: <ForkOutlined />,
  join: <MergeCellsOutlined />,
  action: <ThunderboltOutlined />,
  subflow: <PartitionOutlined />,
  end: <CheckCircleOutlined />,
};

/** A new node's label in both languages. */
export function useDefaultLabel(): (type: NodeType) => Label {
  const { i18n } = useTranslation();
  return (type) => ({
    zh: typeName(i18n.getFixedT('zh-CN') as TFunction, type),
    en: typeName(i18n.getFixedT('en') as TFunction, type),
  });
}

/** A label in the language the admin reads. */
export function useLabelText(): (label: Label | undefined, fallback: string) => string {
  const { i18n } = useTranslation();
  return (label, fallback) => (label ? (i18n.language === 'en' ? label.en : label.zh) || fallback : fallback);
}
