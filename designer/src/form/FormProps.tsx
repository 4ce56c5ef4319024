/** With nothing selected, the panel edits the form itself: its title and description in both languages. */
import type { FormDefinition } from '@forecourt/schemas';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { LabelInputs } from './properties/controls';

export function FormProps({
  definition,
  onChange,
}: {
  definition: FormDefinition;
  onChange(change: (definition: FormDefinition) => FormDefinition, merge?: string): void;
}) {
  const { t } = useTranslation();
  return (
    <aside className="fd-properties" aria-label={t('formDesigner.props.title')}>
      <header className="fd-properties-head">
        <Typography.Title level={5}>{t('formDesigner.form.title')}</Typography.Title>
      </header>
      <div className="fd-props-body">
        <LabelInputs
          label={t('formDesigner.form.name')}
          value={definition.title}
          onChange={(title) => onChange((d) => ({ ...d, title: title ?? { zh: '', en: '' } }), 'form.title')}
        />
        <LabelInputs
          label={t('formDesigner.form.description')}
          value={definition.description}
          optional
          textarea
          onChange={(description) =>
            onChange((d) => {
              const next = { ...d, description };
              if (!description) delete next.description;
              return next;
            }, 'form.description')
          }
        />
        <p className="fd-muted">{t('formDesigner.form.help')}</p>
      </div>
    </aside>
  );
}
