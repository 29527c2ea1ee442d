import { Empty } from 'antd';
import type { DocumentRef } from '../../api/types';
import { useI18n } from '../../i18n/i18n';

/** Documents the measures cite: 《title》 and number (抚政办〔2021〕24号). */
export function DocumentsSection({ documents }: { documents: DocumentRef[] }) {
  const { t, formatDate } = useI18n();
  if (!documents.length) return <Empty description={t('task.noDocuments')} />;
  return (
    <ul className="plain-list">
      {documents.map((d) => (
        <li key={d.id}>
          {d.title ? `《${d.title}》` : ''}
          {d.number && <span style={{ marginLeft: 8, color: '#5c6661' }}>{d.number}</span>}
          {(d.issuer || d.issuedDate) && <span style={{ marginLeft: 8, color: '#8a938e' }}>{[d.issuer, formatDate(d.issuedDate)].filter(Boolean).join(' · ')}</span>}
        </li>
      ))}
    </ul>
  );
}
