import { ApartmentOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import './flow-design.css';

/** The app page's way into a published form's workflow designer (shown to those who design forms). */
export function FlowDesignLink({ formId }: { formId: string }) {
  const { t } = useTranslation();
  return (
    <Link to={`/design/forms/${encodeURIComponent(formId)}/flow`} className="flow-design-link">
      <ApartmentOutlined /> {t('flowDesigner.app.designFlow')}
    </Link>
  );
}
