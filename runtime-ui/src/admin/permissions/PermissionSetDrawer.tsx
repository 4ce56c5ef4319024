import { App, Button, Checkbox, Drawer, Form, Input, Radio, Select, Space, Switch, TreeSelect } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, post } from '../../api/client';
import type { DirectoryDepartment, FieldDef } from '../../api/types';
import { useLabel } from '../../i18n/label';
import { useIsPhone } from '../../shell/useIsPhone';
import { serverErrorsOnForm } from '../shared/errors';
import { departmentTreeData, type NamedRole } from '../shared/org';
import { PeoplePicker } from '../shared/PeoplePicker';
import { useRuleLabels } from './labels';
import { ACTIONS, type Action, type PermissionSet, PRESETS, SCOPE_KINDS, type ScopeKind } from './rules';
import { ScopeFilterEditor } from './ScopeFilterEditor';

interface Values {
  name: string;
  preset: string;
  actions: Action[];
  readAll: boolean;
  readFields: string[];
  writeAll: boolean;
  writeFields: string[];
  scope: { kind: ScopeKind; filter?: unknown };
  assignees: { users: string[]; departments: string[]; roles: string[] };
}

const FIELDS = [
  'name',
  'preset',
  'actions',
  'readFields',
  'writeFields',
  ['scope', 'kind'],
  ['scope', 'filter'],
  'scope',
  ['assignees', 'users'],
  ['assignees', 'departments'],
  ['assignees', 'roles'],
];

/** Creates or changes a permission set: from a preset or custom; actions, fields, rows and people. */
export function PermissionSetDrawer({
  formId,
  fields,
  set,
  departments,
  roles,
  onClose,
  onSaved,
}: {
  formId: string;
  fields: FieldDef[];
  set: PermissionSet | null;
  departments: DirectoryDepartment[];
  roles: NamedRole[];
  onClose(): void;
  onSaved(): void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const label = useLabel();
  const words = useRuleLabels();
  const phone = useIsPhone();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const readAll = Form.useWatch('readAll', form);
  const writeAll = Form.useWatch('writeAll', form);
  const scopeKind = Form.useWatch(['scope', 'kind'], form);
  const fieldOptions = fields.map((f) => ({ value: f.id, label: label(f.label as never) || f.id }));

  const initial: Values = set
    ? {
        name: set.name,
        preset: set.preset ?? 'custom',
        actions: set.actions,
        readAll: set.readFields === null,
        readFields: set.readFields ?? [],
        writeAll: set.writeFields === null,
        writeFields: set.writeFields ?? [],
        scope: set.scope,
        assignees: set.assignees,
      }
    : {
        name: '',
        preset: 'custom',
        actions: ['view'],
        readAll: true,
        readFields: [],
        writeAll: true,
        writeFields: [],
        scope: { kind: 'own' },
        assignees: { users: [], departments: [], roles: [] },
      };

  const pickPreset = (preset: string) => {
    const rules = PRESETS[preset];
    if (rules) form.setFieldsValue({ actions: rules.actions, scope: { kind: rules.scope } });
  };

  const save = async (values: Values) => {
    const body = {
      name: values.name,
      preset: values.preset === 'custom' ? null : values.preset,
      actions: values.actions,
      readFields: values.readAll ? null : values.readFields,
      writeFields: values.writeAll ? null : values.writeFields,
      scope: values.scope.kind === 'filter' ? values.scope : { kind: values.scope.kind },
      assignees: values.assignees,
    };
    setSaving(true);
    try {
      if (set) await api('PATCH', `/api/permission-sets/${set.id}`, body);
      else await post(`/api/forms/${encodeURIComponent(formId)}/permission-sets`, body);
      message.success(set ? t('admin.common.saved') : t('admin.permissions.created'));
      onSaved();
    } catch (error) {
      const rest = serverErrorsOnForm(form, error, FIELDS);
      if (rest) message.error(rest);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      open
      title={set ? t('admin.permissions.editTitle', { name: set.name }) : t('admin.permissions.create')}
      size={phone ? '100%' : 560}
      onClose={onClose}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()}>
            {t('admin.common.save')}
          </Button>
        </Space>
      }
    >
      <Form name="permissionSet" form={form} layout="vertical" initialValues={initial} onFinish={save}>
        <Form.Item
          name="name"
          label={t('admin.permissions.name')}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="preset" label={t('admin.permissions.preset')}>
          <Select
            onChange={pickPreset}
            options={['submitOnly', 'submitAndManageOwn', 'viewAll', 'manageAll', 'custom'].map((p) => ({
              value: p,
              label: words.presets[p],
            }))}
          />
        </Form.Item>
        <Form.Item
          name="actions"
          label={t('admin.permissions.actions')}
          rules={[{ required: true, type: 'array', min: 1 }]}
        >
          <Checkbox.Group
            className="admin-checkbox-grid"
            options={ACTIONS.map((a) => ({ value: a, label: words.actions[a] }))}
          />
        </Form.Item>
        <Form.Item name={['scope', 'kind']} label={t('admin.permissions.scope')}>
          <Radio.Group
            optionType="button"
            options={SCOPE_KINDS.map((k) => ({ value: k, label: words.scopes[k] }))}
          />
        </Form.Item>
        {scopeKind === 'filter' && (
          <Form.Item
            name={['scope', 'filter']}
            label={t('admin.permissions.filter')}
            extra={t('admin.permissions.filterHint')}
            rules={[{ required: true, message: t('admin.permissions.filterRequired') }]}
          >
            <ScopeFilterEditor fields={fieldOptions} />
          </Form.Item>
        )}
        <Form.Item name="readAll" label={t('admin.permissions.readable')} valuePropName="checked">
          <Switch
            checkedChildren={t('admin.permissions.allFields')}
            unCheckedChildren={t('admin.permissions.someFields')}
          />
        </Form.Item>
        {readAll === false && (
          <Form.Item name="readFields" rules={[{ required: true, type: 'array', min: 1 }]}>
            <Select mode="multiple" options={fieldOptions} aria-label={t('admin.permissions.readable')} />
          </Form.Item>
        )}
        <Form.Item
          name="writeAll"
          label={t('admin.permissions.writable')}
          valuePropName="checked"
          extra={t('admin.permissions.writableHint')}
        >
          <Switch
            checkedChildren={t('admin.permissions.allShown')}
            unCheckedChildren={t('admin.permissions.someFields')}
          />
        </Form.Item>
        {writeAll === false && (
          <Form.Item name="writeFields">
            <Select mode="multiple" options={fieldOptions} aria-label={t('admin.permissions.writable')} />
          </Form.Item>
        )}
        <fieldset className="admin-fieldset">
          <legend>{t('admin.permissions.assignees')}</legend>
          <Form.Item name={['assignees', 'users']} label={t('admin.assignees.users')}>
            <PeoplePicker multiple />
          </Form.Item>
          <Form.Item
            name={['assignees', 'departments']}
            label={t('admin.assignees.departments')}
            extra={t('admin.assignees.departmentsHint')}
          >
            <TreeSelect
              multiple
              treeDefaultExpandAll
              treeData={departmentTreeData(departments)}
              showSearch={{ treeNodeFilterProp: 'title' }}
              placeholder={t('admin.assignees.pickDepartment')}
            />
          </Form.Item>
          <Form.Item name={['assignees', 'roles']} label={t('admin.assignees.roles')}>
            <Select
              mode="multiple"
              options={roles.map((r) => ({ value: r.id, label: r.name }))}
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('admin.assignees.pickRole')}
            />
          </Form.Item>
        </fieldset>
      </Form>
    </Drawer>
  );
}
