/** Settings of the basic types: text lengths and placeholder, number format and bounds, dates, phone kinds. */
import { Checkbox } from 'antd';
import { useTranslation } from 'react-i18next';
import { setProp } from '../model';
import { ChoiceProp, type FieldPanelProps, LabelInputs, NumberProp, SwitchProp, TextProp } from './controls';

/** How long a text may be (e-mail addresses and links have only this). */
export function LengthProps(props: FieldPanelProps) {
  const { t } = useTranslation();
  return (
    <div className="fd-inline">
      <NumberProp {...props} name="minLength" label={t('formDesigner.basic.minLength')} min={0} />
      <NumberProp {...props} name="maxLength" label={t('formDesigner.basic.maxLength')} min={1} />
    </div>
  );
}

/** Text and long text: how long, and a hint shown while empty. */
export function TextProps(props: FieldPanelProps) {
  const { t } = useTranslation();
  const { field, update } = props;
  return (
    <>
      <LengthProps {...props} />
      <LabelInputs
        label={t('formDesigner.basic.placeholder')}
        value={field.placeholder as never}
        optional
        onChange={(value) => update((f) => setProp(f, 'placeholder', value), `${field.id}.placeholder`)}
      />
    </>
  );
}

function Bounds(props: FieldPanelProps & { maxPrecision: number }) {
  const { t } = useTranslation();
  return (
    <>
      <NumberProp
        {...props}
        name="precision"
        label={t('formDesigner.basic.precision')}
        min={0}
        max={props.maxPrecision}
      />
      <div className="fd-inline">
        <NumberProp {...props} name="min" label={t('formDesigner.basic.min')} />
        <NumberProp {...props} name="max" label={t('formDesigner.basic.max')} />
      </div>
    </>
  );
}

export function NumberProps(props: FieldPanelProps) {
  const { t } = useTranslation();
  return (
    <>
      <Bounds {...props} maxPrecision={10} />
      <TextProp {...props} name="unit" label={t('formDesigner.basic.unit')} />
      <SwitchProp {...props} name="thousandsSeparator" label={t('formDesigner.basic.thousands')} />
    </>
  );
}

export function PercentProps(props: FieldPanelProps) {
  return <Bounds {...props} maxPrecision={8} />;
}

export function MoneyProps(props: FieldPanelProps) {
  const { t } = useTranslation();
  return (
    <>
      <NumberProp {...props} name="scale" label={t('formDesigner.basic.scale')} min={0} max={6} />
      <TextProp {...props} name="currency" label={t('formDesigner.basic.currency')} />
      <div className="fd-inline">
        <TextProp {...props} name="min" label={t('formDesigner.basic.min')} />
        <TextProp {...props} name="max" label={t('formDesigner.basic.max')} />
      </div>
    </>
  );
}

export function DateProps(props: FieldPanelProps) {
  const { t } = useTranslation();
  return (
    <div className="fd-inline">
      <TextProp {...props} name="min" label={t('formDesigner.basic.earliest')} />
      <TextProp {...props} name="max" label={t('formDesigner.basic.latest')} />
    </div>
  );
}

export function DateTimeProps(props: FieldPanelProps) {
  const { t } = useTranslation();
  return (
    <>
      <TextProp {...props} name="timeZone" label={t('formDesigner.basic.timeZone')} />
      <SwitchProp {...props} name="withSeconds" label={t('formDesigner.basic.withSeconds')} />
    </>
  );
}

export function BooleanProps(props: FieldPanelProps) {
  const { t } = useTranslation();
  return (
    <ChoiceProp
      {...props}
      name="display"
      label={t('formDesigner.basic.display')}
      choices={[
        { value: 'switch', label: t('formDesigner.basic.switch') },
        { value: 'checkbox', label: t('formDesigner.basic.checkbox') },
      ]}
    />
  );
}

export function PhoneProps({ field, update }: FieldPanelProps) {
  const { t } = useTranslation();
  const kinds = Array.isArray(field.kinds) ? (field.kinds as string[]) : ['mobile', 'landline'];
  return (
    <fieldset className="fd-label-inputs">
      <legend>{t('formDesigner.basic.phoneKinds')}</legend>
      <Checkbox.Group
        value={kinds}
        options={[
          { value: 'mobile', label: t('formDesigner.basic.mobile') },
          { value: 'landline', label: t('formDesigner.basic.landline') },
        ]}
        onChange={(next) => update((f) => setProp(f, 'kinds', next.length === 2 ? undefined : next))}
      />
    </fieldset>
  );
}
