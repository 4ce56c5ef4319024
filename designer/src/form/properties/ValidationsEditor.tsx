/**
 * A field's validations: a range, a length, a pattern (RE2, linear time) or an expression that must be
 * true, each with the message staff see on the field when it fails (both languages).
 */
import { DeleteOutlined } from '@ant-design/icons';
import type { FieldValidation, Label } from '@forecourt/schemas';
import { Button, Dropdown, Input, InputNumber } from 'antd';
import { useTranslation } from 'react-i18next';
import { ExpressionEditor } from '../expression/ExpressionEditor';
import { setProp } from '../model';
import { useExpressionFields } from './context';
import { type FieldPanelProps, LabelInputs, Prop } from './controls';

type Kind = FieldValidation['kind'];

export function ValidationsEditor({ field, update }: FieldPanelProps) {
  const { t } = useTranslation();
  const fields = useExpressionFields();
  const list = field.validations ?? [];
  const setList = (next: FieldValidation[], merge?: string) =>
    update((f) => setProp(f, 'validations', next), merge);
  const change = (index: number, next: FieldValidation, merge = true) =>
    setList(
      list.map((v, i) => (i === index ? next : v)),
      merge ? `${field.id}.validations.${index}` : undefined,
    );
  const names: Record<Kind, string> = {
    range: t('formDesigner.validation.range'),
    length: t('formDesigner.validation.length'),
    pattern: t('formDesigner.validation.pattern'),
    expression: t('formDesigner.validation.expression'),
  };
  const fresh = (kind: Kind): FieldValidation =>
    kind === 'expression'
      ? { kind, expression: 'true', message: { zh: '不符合要求', en: 'Not acceptable' } }
      : kind === 'pattern'
        ? { kind, pattern: '.+' }
        : { kind };
  return (
    <div className="fd-validations">
      {list.map((validation, index) => (
        // Validations have no id of their own; they are edited in place, never reordered.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <fieldset key={index} className="fd-validation">
          <legend>
            {names[validation.kind]}
            <Button
              size="small"
              type="text"
              icon={<DeleteOutlined />}
              aria-label={t('formDesigner.validation.remove')}
              onClick={() => setList(list.filter((_, i) => i !== index))}
            />
          </legend>
          {validation.kind === 'range' || validation.kind === 'length' ? (
            <div className="fd-inline">
              {(['min', 'max'] as const).map((side) => (
                <Prop
                  key={side}
                  label={side === 'min' ? t('formDesigner.validation.min') : t('formDesigner.validation.max')}
                >
                  {(id) => (
                    <InputNumber
                      id={id}
                      value={typeof validation[side] === 'number' ? (validation[side] as number) : null}
                      onChange={(n) => {
                        const next = { ...validation } as Record<string, unknown>;
                        if (n === null || n === undefined) delete next[side];
                        else next[side] = n;
                        change(index, next as FieldValidation);
                      }}
                    />
                  )}
                </Prop>
              ))}
            </div>
          ) : null}
          {validation.kind === 'pattern' ? (
            <Prop label={t('formDesigner.validation.pattern')}>
              {(id) => (
                <Input
                  id={id}
                  value={validation.pattern}
                  onChange={(e) => change(index, { ...validation, pattern: e.target.value })}
                />
              )}
            </Prop>
          ) : null}
          {validation.kind === 'expression' ? (
            <ExpressionEditor
              value={validation.expression}
              onChange={(expression) => change(index, { ...validation, expression })}
              fields={fields}
              label={t('formDesigner.validation.expression')}
              help={t('formDesigner.validation.expressionHelp')}
            />
          ) : null}
          <LabelInputs
            label={t('formDesigner.validation.message')}
            value={validation.message}
            optional={validation.kind !== 'expression'}
            onChange={(message) => {
              const next = { ...validation } as FieldValidation & { message?: Label };
              if (message) next.message = message;
              else delete next.message;
              change(index, next as FieldValidation);
            }}
          />
        </fieldset>
      ))}
      <Dropdown
        menu={{
          items: (Object.keys(names) as Kind[]).map((kind) => ({ key: kind, label: names[kind] })),
          onClick: ({ key }) => setList([...list, fresh(key as Kind)]),
        }}
      >
        <Button size="small">{t('formDesigner.validation.add')}</Button>
      </Dropdown>
    </div>
  );
}
