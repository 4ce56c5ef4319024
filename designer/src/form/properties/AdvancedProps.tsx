/**
 * Settings of the advanced types: a formula's expression and result type, a serial number's pattern
 * (with the next number it would give), address depth, location radius, the floor of a mileage. Tables
 * have their own panel (SubformProps).
 */
import {
  checkSerialPattern,
  fieldType,
  fieldTypes,
  formatSerial,
  RESULT_TYPES,
  valueTypeOf,
} from '@forecourt/schemas';
import { Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { ExpressionEditor } from '../expression/ExpressionEditor';
import { useLabel } from '../label';
import { useDesign, useExpressionFields } from './context';
import { ChoiceProp, type FieldPanelProps, NumberProp, Prop, SwitchProp } from './controls';

export function AddressProps(props: FieldPanelProps) {
  const { t } = useTranslation();
  return (
    <>
      <ChoiceProp
        {...props}
        name="level"
        label={t('formDesigner.advanced.level')}
        choices={[
          { value: 'province', label: t('formDesigner.advanced.province') },
          { value: 'city', label: t('formDesigner.advanced.city') },
          { value: 'district', label: t('formDesigner.advanced.district') },
        ]}
      />
      <SwitchProp {...props} name="withDetail" label={t('formDesigner.advanced.withDetail')} />
    </>
  );
}

export function LocationProps(props: FieldPanelProps) {
  const { t } = useTranslation();
  return (
    <>
      <ChoiceProp
        {...props}
        name="coordSystem"
        label={t('formDesigner.advanced.coordSystem')}
        choices={['gcj02', 'wgs84', 'bd09'].map((value) => ({ value, label: value.toUpperCase() }))}
      />
      <NumberProp {...props} name="radius" label={t('formDesigner.advanced.radius')} min={1} max={100000} />
    </>
  );
}

/** The field a mileage may not fall below: a number of the form, usually a lookup of the last reading. */
export function MileageProps(props: FieldPanelProps) {
  const { t } = useTranslation();
  const label = useLabel();
  const { definition } = useDesign();
  const numbers = definition.fields.filter(
    (f) => f.id !== props.field.id && !f.hidden && fieldTypes.get(valueTypeOf(f))?.compareAs === 'number',
  );
  return (
    <ChoiceProp
      {...props}
      name="notBelow"
      label={t('formDesigner.advanced.notBelow')}
      allowClear
      choices={numbers.map((f) => ({ value: f.id, label: `${label(f.label)} (${f.id})` }))}
    />
  );
}

export function FormulaProps(props: FieldPanelProps) {
  const { t } = useTranslation();
  const label = useLabel();
  const { field, update } = props;
  const fields = useExpressionFields(field.id);
  return (
    <>
      <Prop label={t('formDesigner.advanced.expression')} wide>
        {() => (
          <ExpressionEditor
            value={String(field.expression ?? '')}
            onChange={(expression) => update((f) => ({ ...f, expression }), `${field.id}.expression`)}
            fields={fields}
            label={t('formDesigner.advanced.expression')}
          />
        )}
      </Prop>
      <ChoiceProp
        {...props}
        name="resultType"
        label={t('formDesigner.computed.resultType')}
        choices={RESULT_TYPES.map((type) => ({ value: type, label: label(fieldType(type).label) }))}
      />
      <NumberProp {...props} name="precision" label={t('formDesigner.computed.precision')} min={0} max={10} />
    </>
  );
}

export function SerialProps(props: FieldPanelProps) {
  const { t } = useTranslation();
  const { field, update } = props;
  const pattern = String(field.pattern ?? '');
  const problems = checkSerialPattern(pattern);
  const example = problems.length ? null : formatSerial(pattern, { date: new Date(), counter: 1 });
  return (
    <>
      <Prop label={t('formDesigner.advanced.pattern')}>
        {(id) => (
          <>
            <Input
              id={id}
              value={pattern}
              status={problems.length ? 'error' : undefined}
              onChange={(e) => update((f) => ({ ...f, pattern: e.target.value }), `${field.id}.pattern`)}
            />
            <div className={problems.length ? 'fd-error-text' : 'fd-muted'}>
              {problems.length ? problems.join(' ') : t('formDesigner.advanced.patternExample', { example })}
            </div>
            <div className="fd-muted">{t('formDesigner.advanced.patternHelp')}</div>
          </>
        )}
      </Prop>
      <ChoiceProp
        {...props}
        name="resetEvery"
        label={t('formDesigner.advanced.resetEvery')}
        choices={[
          { value: 'never', label: t('formDesigner.advanced.never') },
          { value: 'day', label: t('formDesigner.advanced.day') },
          { value: 'month', label: t('formDesigner.advanced.month') },
          { value: 'year', label: t('formDesigner.advanced.year') },
        ]}
      />
    </>
  );
}
