import { useParams } from 'react-router';
import type { FormView } from '../api/types';
import { useFetch } from '../api/useFetch';
import { RecordEditor } from '../form/RecordEditor';
import { PageState } from './PageState';
import './pages.css';

/** `/forms/:formId/new`: fill in a new record of the form. */
export default function NewRecordPage() {
  const { formId = '' } = useParams();
  const form = useFetch<FormView>(`/api/forms/${encodeURIComponent(formId)}`);
  if (!form.data) return <PageState fetched={form} />;
  return <RecordEditor key={formId} view={form.data} />;
}
