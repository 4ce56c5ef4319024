import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Tree, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFetch } from '../../api/useFetch';
import { PageState } from '../../pages/PageState';
import type { Memberships } from '../users/types';
import { DepartmentDetail } from './DepartmentDetail';
import { NewDepartmentModal } from './NewDepartmentModal';
import type { DepartmentNode } from './types';

/** The organisation: group → stores → departments. Pick one to rename, move, re-head or delete it. */
export default function DepartmentsPage() {
  const { t } = useTranslation();
  const tree = useFetch<{ departments: DepartmentNode[] }>('/api/departments');
  const memberships = useFetch<Memberships>('/api/memberships');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [adding, setAdding] = useState<DepartmentNode | null>(null);
  // Everything is open, new departments included, except what the admin folded.
  const [folded, setFolded] = useState<Set<string>>(new Set());

  const flat = useMemo(() => flatten(tree.data?.departments ?? []), [tree.data]);
  if (!tree.data) return <PageState fetched={tree} />;
  const selected = flat.find((d) => d.id === selectedId) ?? flat[0] ?? null;

  return (
    <div className="page admin-page">
      <div className="admin-toolbar">
        <Typography.Title level={3}>{t('admin.departments.title')}</Typography.Title>
        {selected && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(selected)}>
            {t('admin.departments.addUnder', { name: selected.name })}
          </Button>
        )}
      </div>
      <div className="admin-split">
        <Card size="small" className="admin-tree-card">
          {flat.length === 0 ? (
            <Empty />
          ) : (
            <Tree
              blockNode
              expandedKeys={flat.filter((d) => !folded.has(d.id)).map((d) => d.id)}
              onExpand={(keys) =>
                setFolded(new Set(flat.map((d) => d.id).filter((id) => !keys.includes(id))))
              }
              selectedKeys={selected ? [selected.id] : []}
              onSelect={(keys) => keys[0] && setSelectedId(String(keys[0]))}
              treeData={toTreeData(tree.data.departments)}
            />
          )}
        </Card>
        {selected && (
          <DepartmentDetail
            key={selected.id}
            department={selected}
            all={flat}
            memberIds={(memberships.data?.departments ?? [])
              .filter((m) => m.departmentId === selected.id)
              .map((m) => m.userId)}
            onChanged={tree.reload}
            onDeleted={() => {
              setSelectedId(selected.parentId);
              tree.reload();
            }}
          />
        )}
      </div>
      {adding && (
        <NewDepartmentModal
          parent={adding}
          onClose={() => setAdding(null)}
          onCreated={(id) => {
            setAdding(null);
            setSelectedId(id);
            tree.reload();
          }}
        />
      )}
    </div>
  );
}

interface TreeNode {
  key: string;
  title: string;
  children: TreeNode[];
}

function toTreeData(nodes: DepartmentNode[]): TreeNode[] {
  return nodes.map((n) => ({
    key: n.id,
    title: n.code ? `${n.name} (${n.code})` : n.name,
    children: toTreeData(n.children),
  }));
}

function flatten(nodes: DepartmentNode[]): DepartmentNode[] {
  return nodes.flatMap((n) => [n, ...flatten(n.children)]);
}
