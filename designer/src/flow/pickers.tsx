import { Select, TreeSelect } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFlowDesigner } from './context';
import type { DirectoryDepartment } from './services';

/**
 * People, role and department pickers over the directory API (GET /api/directory/…). Users are searched
 * on the server as the admin types; roles and departments are few and loaded once by the designer.
 */

interface PickerProps {
  value: string[];
  onChange(ids: string[]): void;
  label: string;
}

export function UserPicker({ value, onChange, label }: PickerProps) {
  const { t } = useTranslation();
  const { services, userNames, rememberUsers } = useFlowDesigner();
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  const [loading, setLoading] = useState(false);
  const asked = useRef(0);
  const search = (q: string) => {
    const ticket = ++asked.current;
    setLoading(true);
    services.searchUsers(q).then(
      (users) => {
        if (ticket !== asked.current) return;
        rememberUsers(users);
        setOptions(
          users.map((u) => ({
            value: u.id,
            label: u.departments[0] ? `${u.name}（${u.departments[0].name}）` : u.name,
          })),
        );
        setLoading(false);
      },
      () => ticket === asked.current && setLoading(false),
    );
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: the first page of people, once
  useEffect(() => search(''), []);
  const selected = value.map((id) => ({ value: id, label: userNames.get(id) ?? id }));
  const shown = [...selected.filter((s) => !options.some((o) => o.value === s.value)), ...options];
  return (
    <Select
      mode="multiple"
      aria-label={label}
      className="flow-picker"
      placeholder={t('flowDesigner.rule.pickUsers')}
      value={value}
      options={shown}
      showSearch={{ onSearch: search, filterOption: false }}
      loading={loading}
      notFoundContent={loading ? t('flowDesigner.rule.searching') : t('flowDesigner.rule.noneFound')}
      onChange={(ids: string[]) => onChange(ids)}
    />
  );
}

export function RolePicker({ value, onChange, label, single }: PickerProps & { single?: boolean }) {
  const { t } = useTranslation();
  const { roles } = useFlowDesigner();
  const options = roles.map((r) => ({ value: r.id, label: r.name }));
  return (
    <Select
      mode={single ? undefined : 'multiple'}
      aria-label={label}
      className="flow-picker"
      placeholder={t('flowDesigner.rule.pickRoles')}
      value={single ? value[0] : value}
      options={options}
      showSearch={{ optionFilterProp: 'label' }}
      allowClear={single}
      onChange={(ids: string[] | string | undefined) =>
        onChange(ids === undefined ? [] : Array.isArray(ids) ? ids : [ids])
      }
    />
  );
}

interface TreeOption {
  value: string;
  title: string;
  children: TreeOption[];
}

function departmentTree(departments: DirectoryDepartment[]): TreeOption[] {
  const byParent = new Map<string | null, DirectoryDepartment[]>();
  const known = new Set(departments.map((d) => d.id));
  for (const d of departments) {
    const parent = d.parentId && known.has(d.parentId) ? d.parentId : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), d]);
  }
  const build = (parent: string | null): TreeOption[] =>
    (byParent.get(parent) ?? []).map((d) => ({ value: d.id, title: d.name, children: build(d.id) }));
  return build(null);
}

export function DepartmentPicker({ value, onChange, label }: PickerProps) {
  const { t } = useTranslation();
  const { departments } = useFlowDesigner();
  const tree = useMemo(() => departmentTree(departments), [departments]);
  return (
    <TreeSelect
      multiple
      aria-label={label}
      className="flow-picker"
      placeholder={t('flowDesigner.rule.pickDepartments')}
      value={value}
      treeData={tree}
      treeDefaultExpandAll
      showSearch={{ treeNodeFilterProp: 'title' }}
      onChange={(ids: string[]) => onChange(ids)}
    />
  );
}
