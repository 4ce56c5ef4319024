/** Settings of the choice types: options with colours and how they show; rating scale; NPS end labels. */
import { useTranslation } from 'react-i18next';
import { setProp } from '../model';
import { ChoiceProp, type FieldPanelProps, LabelInputs, NumberProp } from './controls';
import { OptionsEditor } from './OptionsEditor';

export function SelectProps(props: FieldPanelProps) {
  const { t } = useTranslation();
  return (
    <>
      <OptionsEditor {...props} />
      <ChoiceProp
        {...props}
        name="display"
        label={t('formDesigner.choice.display')}
        choices={[
          { value: 'dropdown', label: t('formDesigner.choice.dropdown') },
          { value: 'radio', label: t('formDesigner.choice.radio') },
        ]}
      />
    </>
  );
}

export function MultiselectProps(props: FieldPanelProps) {
  const { t } = useTranslation();
  return (
    <>
      <OptionsEditor {...props} />
      <ChoiceProp
        {...props}
        name="display"
        label={t('formDesigner.choice.display')}
        choices={[
          { value: 'checkbox', label: t('formDesigner.choice.checkbox') },
          { value: 'tags', label: t('formDesigner.choice.tags') },
        ]}
      />
      <div className="fd-inline">
        <NumberProp {...props} name="minSelected" label={t('formDesigner.choice.minSelected')} min={0} />
        <NumberProp {...props} name="maxSelected" label={t('formDesigner.choice.maxSelected')} min={1} />
      </div>
    </>
  );
}

export function RatingProps(props: FieldPanelProps) {
  const { t } = useTranslation();
  return <NumberProp {...props} name="max" label={t('formDesigner.choice.ratingMax')} min={3} max={10} />;
}

export function NpsProps({ field, update }: FieldPanelProps) {
  const { t } = useTranslation();
  return (
    <>
      <LabelInputs
        label={t('formDesigner.choice.lowLabel')}
        value={field.lowLabel as never}
        optional
        onChange={(value) => update((f) => setProp(f, 'lowLabel', value), `${field.id}.lowLabel`)}
      />
      <LabelInputs
        label={t('formDesigner.choice.highLabel')}
        value={field.highLabel as never}
        optional
        onChange={(value) => update((f) => setProp(f, 'highLabel', value), `${field.id}.highLabel`)}
      />
    </>
  );
}
