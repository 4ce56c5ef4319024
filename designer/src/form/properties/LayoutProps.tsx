/** Settings of the layout types (a divider's title and style, a description's text) and of a section. */
import { DeleteOutlined } from '@ant-design/icons';
import type { FormSection, Label } from '@forecourt/schemas';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { setProp } from '../model';
import { ChoiceProp, type FieldPanelProps, LabelInputs } from './controls';

export function DividerProps(props: FieldPanelProps) {
  const { t } = useTranslation();
  const { field, update } = props;
  return (
    <>
      <LabelInputs
        label={t('formDesigner.layout.title')}
        value={field.title as never}
        optional
        onChange={(title) => update((f) => setProp(f, 'title', title), `${field.id}.title`)}
      />
      <ChoiceProp
        {...props}
        name="style"
        label={t('formDesigner.layout.style')}
        choices={[
          { value: 'line', label: t('formDesigner.layout.line') },
          { value: 'space', label: t('formDesigner.layout.space') },
        ]}
      />
    </>
  );
}

export function DescriptionProps({ field, update }: FieldPanelProps) {
  const { t } = useTranslation();
  return (
    <LabelInputs
      label={t('formDesigner.layout.content')}
      value={field.content as never}
      textarea
      onChange={(content) => update((f) => setProp(f, 'content', content), `${field.id}.content`)}
    />
  );
}

export function SectionProps({
  section,
  onRename,
  onRemove,
}: {
  section: FormSection;
  onRename(title: Label): void;
  onRemove(): void;
}) {
  const { t } = useTranslation();
  return (
    <div className="fd-props-body">
      <LabelInputs
        label={t('formDesigner.section.title')}
        value={section.title}
        onChange={(title) => onRename(title ?? { zh: '', en: '' })}
      />
      <p className="fd-muted">{t('formDesigner.section.help')}</p>
      <Button danger icon={<DeleteOutlined />} onClick={onRemove}>
        {t('formDesigner.section.remove')}
      </Button>
    </div>
  );
}
