/** Settings of the choice types: options with colours and how they show; rating scale; NPS end labels. */
import { useTranslation } from 'react-i18next';
import { setProp } from '../model';
import { ChoiceProp, type FieldPanelProps, LabelInputs, NumberProp } from './controls';
import { OptionsEditor } from './OptionsEditor';

export function ChoiceProps(props: FieldPanelProps) {
  const { t } = useTranslation();
  const { field, update } = props;
  switch (field.type) {
    case 'select':
    case 'multiselect':
      return (
        <>
          <OptionsEditor {...props} />
          <ChoiceProp
            {...props}
            name="display"
            label={t('formDesigner.choice.display')}
            choices={
              field.type === 'select'
                ? [
                    { value: 'dropdown', label: t('formDesigner.choice.dropdown') },
                    { value: 'radio', label: t('formDesigner.choice.radio') },
                  ]
                : [
                    { value: 'checkbox', label: t('formDesigner.choice.checkbox') },
                    { value: 'tags', label: t('formDesigner.choice.tags') },
                  ]
            }
          />
          {field.type === 'multiselect' ? (
            <div className="fd-inline">
              <NumberProp
                {...props}
                name="minSelected"
                label={t('formDesigner.choice.minSelected')}
                min={0}
              />
              <NumberProp
                {...props}
                name="maxSelected"
                label={t('formDesigner.choice.maxSelected')}
                min={1}
              />
            </div>
          ) : null}
        </>
      );
    case 'rating':
      return <NumberProp {...props} name="max" label={t('formDesigner.choice.ratingMax')} min={3} max={10} />;
    case 'nps':
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
    default:
      return null;
  }
}
