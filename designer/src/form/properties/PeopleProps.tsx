/** Settings of member and department fields: one or many, how many, and which departments to pick from. */
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { setProp } from '../model';
import { type FieldPanelProps, NumberProp, Prop, SwitchProp } from './controls';

export function PeopleProps(props: FieldPanelProps & { departments?: boolean }) {
  const { t } = useTranslation();
  const { field, update } = props;
  return (
    <>
      <SwitchProp {...props} name="multiple" label={t('formDesigner.people.multiple')} />
      {field.multiple ? (
        <NumberProp
          {...props}
          name="maxSelected"
          label={t('formDesigner.people.maxSelected')}
          min={1}
          max={200}
        />
      ) : null}
      {props.departments ? (
        <Prop label={t('formDesigner.people.departments')}>
          {(id) => (
            <Select
              id={id}
              mode="tags"
              value={Array.isArray(field.departments) ? (field.departments as string[]) : []}
              placeholder={t('formDesigner.people.departmentsHelp')}
              onChange={(next: string[]) => update((f) => setProp(f, 'departments', next))}
            />
          )}
        </Prop>
      ) : null}
    </>
  );
}

/** A member field may also be limited to people of some departments. */
export function MemberProps(props: FieldPanelProps) {
  return <PeopleProps {...props} departments />;
}
