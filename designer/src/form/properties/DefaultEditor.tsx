/**
 * Where a new record's value comes from: a fixed value, the current user (people fields), an expression,
 * or data linkage (the value of a field in the first record of another form matching this one).
 */
import { type FieldDef, type FieldDefault, fieldTypes } from '@forecourt/schemas';
import { Button, Input, InputNumber, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { ExpressionEditor } from '../expression/ExpressionEditor';
import { useLabel } from '../label';
import { setProp } from '../model';
import { useDesign, useExpressionFields, useFieldChoices, useFormDefinition } from './context';
import { type FieldPanelProps, Prop } from './controls';

type Kind = 'none' | FieldDefault['kind'];

const NO_FIXED_VALUE = new Set([
  'attachment',
  'image',
  'signature',
  'subform',
  'address',
  'location',
  'member',
  'department',
  'relation',
]);
/** Numbers get a number input and start at 0 (their type compares as a number). */
const isNumeric = (field: FieldDef) => fieldTypes.get(field.type)?.compareAs === 'number';

export function DefaultEditor({ field, update }: FieldPanelProps) {
  const { t } = useTranslation();
  const current = field.default;
  const kinds: { value: Kind; label: string }[] = [
    { value: 'none', label: t('formDesigner.default.none') },
    ...(NO_FIXED_VALUE.has(field.type)
      ? []
      : [{ value: 'value' as const, label: t('formDesigner.default.value') }]),
    ...(field.type === 'member'
      ? [{ value: 'currentUser' as const, label: t('formDesigner.default.currentUser') }]
      : []),
    ...(field.type === 'department'
      ? [{ value: 'currentDepartment' as const, label: t('formDesigner.default.currentDepartment') }]
      : []),
    { value: 'expression', label: t('formDesigner.default.expression') },
    { value: 'linkage', label: t('formDesigner.default.linkage') },
  ];
  const setDefault = (next: FieldDefault | undefined, merge?: string) =>
    update((f) => setProp(f, 'default', next), merge);
  const start = (kind: Kind): FieldDefault | undefined => {
    switch (kind) {
      case 'value':
        return { kind, value: field.type === 'boolean' ? false : isNumeric(field) ? 0 : '' };
      case 'expression':
        return { kind, expression: '""' };
      case 'linkage':
        return { kind, form: '', field: '', match: [{ sourceField: '', thisField: '' }] };
      case 'currentUser':
      case 'currentDepartment':
        return { kind };
      default:
        return undefined;
    }
  };
  return (
    <div className="fd-default">
      <Prop label={t('formDesigner.default.kind')}>
        {(id) => (
          <Select
            id={id}
            value={current?.kind ?? 'none'}
            options={kinds}
            onChange={(kind: Kind) => setDefault(start(kind))}
          />
        )}
      </Prop>
      {current?.kind === 'value' ? (
        <FixedValue
          field={field}
          value={current.value}
          onChange={(value) => setDefault({ kind: 'value', value }, `${field.id}.default`)}
        />
      ) : null}
      {current?.kind === 'expression' ? (
        <DefaultExpression
          field={field}
          expression={current.expression}
          onChange={(expression) => setDefault({ kind: 'expression', expression }, `${field.id}.default`)}
        />
      ) : null}
      {current?.kind === 'linkage' ? (
        <Linkage field={field} value={current} onChange={(next) => setDefault(next)} />
      ) : null}
    </div>
  );
}

function DefaultExpression({
  field,
  expression,
  onChange,
}: {
  field: FieldDef;
  expression: string;
  onChange(v: string): void;
}) {
  const { t } = useTranslation();
  const fields = useExpressionFields(field.id);
  return (
    <ExpressionEditor
      value={expression}
      onChange={onChange}
      fields={fields}
      label={t('formDesigner.default.expression')}
    />
  );
}

function FixedValue({
  field,
  value,
  onChange,
}: {
  field: FieldDef;
  value: unknown;
  onChange(value: unknown): void;
}) {
  const { t } = useTranslation();
  const label = useLabel();
  const name = t('formDesigner.default.value');
  const options = Array.isArray(field.options)
    ? (field.options as { value: string; label: never }[]).map((o) => ({
        value: o.value,
        label: label(o.label),
      }))
    : null;
  return (
    <Prop label={name}>
      {(id) =>
        field.type === 'boolean' ? (
          <Switch id={id} checked={value === true} onChange={onChange} />
        ) : isNumeric(field) ? (
          <InputNumber
            id={id}
            value={typeof value === 'number' ? value : Number(value) || 0}
            onChange={(n) => onChange(n ?? 0)}
          />
        ) : options ? (
          <Select
            id={id}
            mode={field.type === 'multiselect' ? 'multiple' : undefined}
            value={value as string}
            options={options}
            onChange={onChange}
          />
        ) : (
          <Input
            id={id}
            value={typeof value === 'string' ? value : ''}
            onChange={(e) => onChange(e.target.value)}
          />
        )
      }
    </Prop>
  );
}

type LinkageDefault = Extract<FieldDefault, { kind: 'linkage' }>;

function Linkage({
  field,
  value,
  onChange,
}: {
  field: FieldDef;
  value: LinkageDefault;
  onChange(next: LinkageDefault): void;
}) {
  const { t } = useTranslation();
  const label = useLabel();
  const { forms, definition } = useDesign();
  const source = useFormDefinition(value.form || undefined);
  const choices = useFieldChoices();
  const here = choices(definition.fields.filter((f) => f.id !== field.id));
  const there = choices(source?.fields);
  const setMatch = (index: number, side: 'sourceField' | 'thisField', id: string) =>
    onChange({ ...value, match: value.match.map((m, i) => (i === index ? { ...m, [side]: id } : m)) });
  return (
    <div className="fd-linkage">
      <Prop label={t('formDesigner.default.sourceForm')}>
        {(id) => (
          <Select
            id={id}
            showSearch={{ optionFilterProp: 'label' }}
            value={value.form || undefined}
            options={forms.map((form) => ({ value: form.id, label: label(form.title) }))}
            onChange={(form: string) =>
              onChange({ ...value, form, field: '', match: [{ sourceField: '', thisField: '' }] })
            }
          />
        )}
      </Prop>
      <Prop label={t('formDesigner.default.sourceField')}>
        {(id) => (
          <Select
            id={id}
            value={value.field || undefined}
            options={there}
            onChange={(f: string) => onChange({ ...value, field: f })}
          />
        )}
      </Prop>
      <div className="fd-muted">{t('formDesigner.default.matchHelp')}</div>
      {value.match.map((match, index) => (
        // Conditions have no id of their own; they are edited in place, never reordered.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <div className="fd-match" key={index}>
          <Prop label={t('formDesigner.default.matchSource')}>
            {(id) => (
              <Select
                id={id}
                value={match.sourceField || undefined}
                options={there}
                onChange={(f: string) => setMatch(index, 'sourceField', f)}
              />
            )}
          </Prop>
          <span aria-hidden>=</span>
          <Prop label={t('formDesigner.default.matchThis')}>
            {(id) => (
              <Select
                id={id}
                value={match.thisField || undefined}
                options={here}
                onChange={(f: string) => setMatch(index, 'thisField', f)}
              />
            )}
          </Prop>
        </div>
      ))}
      <Button
        size="small"
        onClick={() => onChange({ ...value, match: [...value.match, { sourceField: '', thisField: '' }] })}
      >
        {t('formDesigner.default.addMatch')}
      </Button>
    </div>
  );
}
