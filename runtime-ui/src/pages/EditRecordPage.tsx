import { useLocation, useParams } from 'react-router';
import type { FormView, RecordRow } from '../api/types';
import { useFetch } from '../api/useFetch';
import { RecordEditor } from '../form/RecordEditor';
import { PageState } from './PageState';
import './pages.css';

/** `/forms/:formId/records/:recordId/edit`: change a record (with its revision), or submit it for approval. */
export default function EditRecordPage() {
  const { formId = '', recordId = '' } = useParams();
  const location = useLocation();
  const form = useFetch<FormView>(`/api/forms/${encodeURIComponent(formId)}`);
  const record = useFetch<RecordRow>(
    `/api/forms/${encodeURIComponent(formId)}/records/${encodeURIComponent(recordId)}`,
  );
  if (!form.data) return <PageState fetched={form} />;
  if (!record.data) return <PageState fetched={record} />;
  return (
    <RecordEditor
      key={`${recordId}.${record.data.rev}`}
      view={form.data}
      record={record.data}
      justSaved={(location.state as { saved?: boolean } | null)?.saved === true}
    />
  );
}
