/**
 * Settings of the relation group: a relation's target form, how many, its filter and the fields copied
 * from the chosen record; a lookup's relation and target field; a rollup's source, aggregate and field.
 */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { AGGREGATES, type FieldDef, fieldType, fieldTypes, RESULT_TYPES } from '@forecourt/schemas';
import { Button, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { ExpressionEditor } from '../expression/ExpressionEditor';
import { useLabel } from '../label';
import { setProp } from '../model';
import { useDesign, useFieldChoices, useFormDefinition } from './context';
import { ChoiceProp, type FieldPanelProps, NumberProp, Prop, SwitchProp } from './controls';

export function RelationProps(props: FieldPanelProps) {
  const { t } = useTranslation();
  const label = useLabel();
  const { field, update } = props;
  const { forms, definition } = useDesign();
  const target = useFormDefinition(String(field.target ?? ''));
  const choices = useFieldChoices();
  const copy = (field.copy ?? {}) as Record<string, string>;
  const setCopy = (next: Record<string, string>) =>
    update((f) => setProp(f, 'copy', Object.keys(next).length ? next : undefined));
  const targetFields = (target?.fields ?? []).map((f) => ({ id: f.id, label: label(f.label), type: f.type }));
  return (
    <>
      <Prop label={t('formDesigner.relation.target')}>
        {(id) => (
          <Select
            id={id}
            showSearch
            optionFilterProp="label"
            value={String(field.target ?? '')}
            options={forms.map((form) => ({ value: form.id, label: label(form.title) }))}
            onChange={(next: string) => update((f) => setProp(setProp(f, 'copy', undefined), 'target', next))}
          />
        )}
      </Prop>
      <SwitchProp {...props} name="multiple" label={t('formDesigner.relation.multiple')} />
      {field.multiple ? (
        <NumberProp
          {...props}
          name="maxSelected"
          label={t('formDesigner.relation.maxSelected')}
          min={1}
          max={200}
        />
      ) : null}
      <ChoiceProp
        {...props}
        name="display"
        label={t('formDesigner.relation.display')}
        choices={[
          { value: 'dropdown', label: t('formDesigner.relation.dropdown') },
          { value: 'table', label: t('formDesigner.relation.table') },
          { value: 'cards', label: t('formDesigner.relation.cards') },
        ]}
      />
      <Prop label={t('formDesigner.relation.filter')} wide>
        {() => (
          <ExpressionEditor
            value={typeof field.filter === 'string' ? field.filter : ''}
            onChange={(filter) => update((f) => setProp(f, 'filter', filter), `${field.id}.filter`)}
            fields={targetFields}
            label={t('formDesigner.relation.filter')}
            help={t('formDesigner.relation.filterHelp')}
          />
        )}
      </Prop>
      <fieldset className="fd-copy">
        <legend>{t('formDesigner.relation.copy')}</legend>
        {Object.entries(copy).map(([from, to]) => (
          <div key={from} className="fd-match">
            <Select
              aria-label={t('formDesigner.relation.copyFrom')}
              value={from}
              options={choices(target?.fields)}
              onChange={(next: string) => {
                const { [from]: _old, ...rest } = copy;
                setCopy({ ...rest, [next]: to });
              }}
            />
            <span aria-hidden>→</span>
            <Select
              aria-label={t('formDesigner.relation.copyTo')}
              value={to}
              options={choices(definition.fields.filter((f) => f.id !== field.id))}
              onChange={(next: string) => setCopy({ ...copy, [from]: next })}
            />
            <Button
              type="text"
              size="small"
              icon={<DeleteOutlined />}
              aria-label={t('formDesigner.relation.copyRemove')}
              onClick={() => {
                const { [from]: _old, ...rest } = copy;
                setCopy(rest);
              }}
            />
          </div>
        ))}
        <Button
          size="small"
          icon={<PlusOutlined />}
          disabled={!target}
          onClick={() => {
            const from = target?.fields.find((f) => !(f.id in copy))?.id;
            const to = definition.fields.find(
              (f) => f.id !== field.id && !Object.values(copy).includes(f.id),
            )?.id;
            if (from && to) setCopy({ ...copy, [from]: to });
          }}
        >
          {t('formDesigner.relation.copyAdd')}
        </Button>
      </fieldset>
    </>
  );
}

function resultChoices(types: readonly string[], name: (type: string) => string) {
  return types.map((type) => ({ value: type, label: name(type) }));
}

function useTypeName() {
  const label = useLabel();
  return (type: string) => {
    try {
      return label(fieldTypeLabel(type));
    } catch {
      return type;
    }
  };
}

const fieldTypeLabel = (type: string) => fieldType(type).label;

export function LookupProps(props: FieldPanelProps) {
  const { t } = useTranslation();
  const { field, update } = props;
  const { definition } = useDesign();
  const choices = useFieldChoices();
  const typeName = useTypeName();
  const relation = definition.fields.find((f) => f.id === field.relation);
  const target = useFormDefinition(relation ? String(relation.target ?? '') : undefined);
  return (
    <>
      <Prop label={t('formDesigner.lookup.relation')}>
        {(id) => (
          <Select
            id={id}
            value={String(field.relation ?? '')}
            options={choices(definition.fields, ['relation'])}
            onChange={(next: string) => update((f) => setProp(f, 'relation', next))}
          />
        )}
      </Prop>
      <Prop label={t('formDesigner.lookup.targetField')}>
        {(id) => (
          <Select
            id={id}
            value={String(field.targetField ?? '')}
            options={choices(target?.fields)}
            onChange={(next: string) => {
              const picked = target?.fields.find((f) => f.id === next);
              // A type that is no result type (a mileage) is looked up as what it compares as.
              const resultType = !picked
                ? 'text'
                : (RESULT_TYPES as readonly string[]).includes(picked.type)
                  ? picked.type
                  : fieldTypes.get(picked.type)?.compareAs === 'number'
                    ? 'number'
                    : 'text';
              update((f) => ({ ...f, targetField: next, resultType }));
            }}
          />
        )}
      </Prop>
      <ChoiceProp
        {...props}
        name="resultType"
        label={t('formDesigner.computed.resultType')}
        choices={resultChoices(RESULT_TYPES, typeName)}
      />
      <NumberProp {...props} name="precision" label={t('formDesigner.computed.precision')} min={0} max={10} />
      <SwitchProp {...props} name="multiple" label={t('formDesigner.lookup.multiple')} />
    </>
  );
}

export function RollupProps(props: FieldPanelProps) {
  const { t } = useTranslation();
  const label = useLabel();
  const { field, update } = props;
  const { definition } = useDesign();
  const choices = useFieldChoices();
  const typeName = useTypeName();
  const source = (field.source ?? {}) as { relation?: string; subform?: string };
  const kind = source.relation ? 'relation' : 'subform';
  const relation = definition.fields.find((f) => f.id === source.relation);
  const table = definition.fields.find((f) => f.id === source.subform);
  const target = useFormDefinition(relation ? String(relation.target ?? '') : undefined);
  const rolled: FieldDef[] | undefined =
    kind === 'subform' ? (table?.fields as FieldDef[] | undefined) : target?.fields;
  const aggregateNames: Record<string, string> = {
    count: t('formDesigner.rollup.count'),
    sum: t('formDesigner.rollup.sum'),
    avg: t('formDesigner.rollup.avg'),
    min: t('formDesigner.rollup.min'),
    max: t('formDesigner.rollup.max'),
  };
  return (
    <>
      <Prop label={t('formDesigner.rollup.source')}>
        {(id) => (
          <Select
            id={id}
            value={source.relation ?? source.subform}
            options={[
              ...choices(definition.fields, ['subform']).map((c) => ({
                ...c,
                label: `${t('formDesigner.rollup.table')}: ${c.label}`,
              })),
              ...choices(definition.fields, ['relation']).map((c) => ({
                ...c,
                label: `${t('formDesigner.rollup.related')}: ${c.label}`,
              })),
            ]}
            onChange={(next: string) => {
              const picked = definition.fields.find((f) => f.id === next);
              const nextSource = picked?.type === 'relation' ? { relation: next } : { subform: next };
              update((f) => setProp({ ...f, source: nextSource }, 'field', undefined));
            }}
          />
        )}
      </Prop>
      <ChoiceProp
        {...props}
        name="aggregate"
        label={t('formDesigner.rollup.aggregate')}
        choices={AGGREGATES.map((a) => ({ value: a, label: aggregateNames[a] ?? a }))}
      />
      {field.aggregate !== 'count' ? (
        <Prop label={t('formDesigner.rollup.field')}>
          {(id) => (
            <Select
              id={id}
              value={typeof field.field === 'string' ? field.field : undefined}
              options={(rolled ?? []).map((f) => ({ value: f.id, label: `${label(f.label)} (${f.id})` }))}
              onChange={(next: string) => update((f) => setProp(f, 'field', next))}
            />
          )}
        </Prop>
      ) : null}
      <Prop label={t('formDesigner.rollup.filter')} wide>
        {() => (
          <ExpressionEditor
            value={typeof field.filter === 'string' ? field.filter : ''}
            onChange={(filter) => update((f) => setProp(f, 'filter', filter), `${field.id}.filter`)}
            fields={(rolled ?? []).map((f) => ({ id: f.id, label: label(f.label), type: f.type }))}
            label={t('formDesigner.rollup.filter')}
          />
        )}
      </Prop>
      <ChoiceProp
        {...props}
        name="resultType"
        label={t('formDesigner.computed.resultType')}
        choices={resultChoices(['number', 'money', 'date', 'datetime'], typeName)}
        allowClear
      />
      <NumberProp {...props} name="precision" label={t('formDesigner.computed.precision')} min={0} max={10} />
    </>
  );
}
