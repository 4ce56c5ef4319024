/**
 * What every field has: its label in both languages, id (fixed once published), description, the
 * required / unique / read-only / index flags, width and section, and the visibility rule.
 */
import { FIELD_ID_PATTERN, FIELD_TYPES, fieldType, SUBFORM_CHILD_EXCLUDED } from '@forecourt/schemas';
import { Input, Segmented, Select, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ExpressionEditor } from '../expression/ExpressionEditor';
import { useLabel } from '../label';
import { FULL_ROW_TYPES, setProp, setWidth, widthOf } from '../model';
import { withType } from '../new-field';
import { useDesign, useExpressionFields } from './context';
import { type FieldPanelProps, LabelInputs, Prop } from './controls';

const ID = new RegExp(FIELD_ID_PATTERN);

/** Types a stored field can change to: those that take input (values convert through text on publishing). */
const INPUT_TYPES = FIELD_TYPES.filter((name) => {
  const type = fieldType(name);
  return type.storesValue && !type.computed && name !== 'subform';
});

export function LabelAndId({
  field,
  update,
  onRenameId,
  taken,
  column,
}: FieldPanelProps & { onRenameId(id: string): void; taken: string[]; column?: boolean }) {
  const { t } = useTranslation();
  const label = useLabel();
  const { published, definition, forms } = useDesign();
  const typeChoices = INPUT_TYPES.filter((name) => !column || !SUBFORM_CHILD_EXCLUDED.has(name)).map(
    (name) => ({ value: name, label: label(fieldType(name).label) }),
  );
  const [draftId, setDraftId] = useState(field.id);
  useEffect(() => setDraftId(field.id), [field.id]);
  const fixed = published.has(field.id);
  const problem =
    draftId === field.id
      ? null
      : !ID.test(draftId)
        ? t('formDesigner.props.idPattern')
        : taken.includes(draftId)
          ? t('formDesigner.props.idTaken')
          : null;
  return (
    <>
      <LabelInputs
        label={t('formDesigner.props.label')}
        value={field.label}
        onChange={(label) =>
          update((f) => ({ ...f, label: label ?? { zh: '', en: '' } }), `${field.id}.label`)
        }
      />
      <Prop label={t('formDesigner.props.id')}>
        {(id) => (
          <>
            <Input
              id={id}
              value={draftId}
              disabled={fixed}
              status={problem ? 'error' : undefined}
              onChange={(e) => setDraftId(e.target.value)}
              onBlur={() => !problem && draftId !== field.id && onRenameId(draftId)}
              onPressEnter={() => !problem && draftId !== field.id && onRenameId(draftId)}
            />
            <div className={problem ? 'fd-error-text' : 'fd-muted'}>
              {problem ?? (fixed ? t('formDesigner.props.idFixed') : t('formDesigner.props.idHelp'))}
            </div>
          </>
        )}
      </Prop>
      {(INPUT_TYPES as readonly string[]).includes(field.type) ? (
        <Prop label={t('formDesigner.props.type')}>
          {(id) => (
            <>
              <Select
                id={id}
                value={field.type}
                showSearch
                optionFilterProp="label"
                options={typeChoices}
                onChange={(type: string) => update((f) => withType(f, type, definition, { forms }, column))}
              />
              {fixed ? <div className="fd-muted">{t('formDesigner.props.typeHelp')}</div> : null}
            </>
          )}
        </Prop>
      ) : null}
    </>
  );
}

export function FlagsAndLayout({ field, update }: FieldPanelProps) {
  const { t } = useTranslation();
  const label = useLabel();
  const { definition } = useDesign();
  const type = fieldType(field.type);
  const input = type.storesValue && !type.computed;
  const flags: { name: string; label: string; show: boolean }[] = [
    { name: 'required', label: t('formDesigner.props.required'), show: input },
    { name: 'unique', label: t('formDesigner.props.unique'), show: input },
    { name: 'readOnly', label: t('formDesigner.props.readOnly'), show: input },
    { name: 'indexed', label: t('formDesigner.props.indexed'), show: type.storesValue },
  ];
  const sections = definition.sections ?? [];
  return (
    <>
      {type.storesValue ? (
        <LabelInputs
          label={t('formDesigner.props.description')}
          value={field.description}
          optional
          textarea
          onChange={(description) =>
            update((f) => setProp(f, 'description', description), `${field.id}.description`)
          }
        />
      ) : null}
      <div className="fd-flags">
        {flags
          .filter((flag) => flag.show)
          .map((flag) => (
            <Prop key={flag.name} label={flag.label}>
              {(id) => (
                <Switch
                  id={id}
                  size="small"
                  checked={field[flag.name] === true}
                  onChange={(checked) => update((f) => setProp(f, flag.name, checked || undefined))}
                />
              )}
            </Prop>
          ))}
      </div>
      {FULL_ROW_TYPES.has(field.type) ? null : (
        <Prop label={t('formDesigner.props.width')}>
          {(id) => (
            <Segmented
              id={id}
              value={widthOf(field)}
              options={[
                { value: 1, label: '1/4' },
                { value: 2, label: '1/2' },
                { value: 3, label: '3/4' },
                { value: 4, label: t('formDesigner.props.fullWidth') },
              ]}
              onChange={(width) => update((f) => setWidth(f, width as 1 | 2 | 3 | 4))}
            />
          )}
        </Prop>
      )}
      {sections.length ? (
        <Prop label={t('formDesigner.props.section')}>
          {(id) => (
            <Select
              id={id}
              value={field.layout?.section ?? ''}
              options={[
                { value: '', label: t('formDesigner.props.noSection') },
                ...sections.map((s) => ({ value: s.id, label: label(s.title) })),
              ]}
              onChange={(section: string) =>
                update((f) => {
                  const layout = { ...(f.layout ?? {}) };
                  if (section) layout.section = section;
                  else delete layout.section;
                  return setProp(f, 'layout', Object.keys(layout).length ? layout : undefined);
                })
              }
            />
          )}
        </Prop>
      ) : null}
    </>
  );
}

export function VisibilityRule({ field, update }: FieldPanelProps) {
  const { t } = useTranslation();
  const fields = useExpressionFields(field.id);
  const on = typeof field.visibleIf === 'string';
  return (
    <div className="fd-visibility">
      <Prop label={t('formDesigner.props.conditional')}>
        {(id) => (
          <Switch
            id={id}
            size="small"
            checked={on}
            onChange={(checked) => update((f) => setProp(f, 'visibleIf', checked ? 'true' : undefined))}
          />
        )}
      </Prop>
      {on ? (
        <ExpressionEditor
          value={String(field.visibleIf)}
          onChange={(visibleIf) => update((f) => ({ ...f, visibleIf }), `${field.id}.visibleIf`)}
          fields={fields}
          label={t('formDesigner.props.visibleIf')}
          help={t('formDesigner.props.visibleIfHelp')}
        />
      ) : null}
    </div>
  );
}
