/** Published complaint-case batches (GET /api/public/case-batches): each links to its results table. Hidden when none. */
import { Card, Typography } from 'antd';
import { Link } from 'react-router';
import { useApi } from '../../api/use-api';
import { useI18n } from '../../i18n/i18n';

export interface PublicBatch { id: number; batchNo: string; handedOverAt: string; publishedAt: string; orgUnitName: string; inspectionName: string }

export function CaseBatchList() {
  const { t, formatDate } = useI18n();
  const list = useApi<{ items: PublicBatch[] }>('/api/public/case-batches');
  const items = list.data?.items ?? [];
  // Not having published cases (or this list failing) must not spoil the report page: the card simply stays away.
  if (items.length === 0) return null;
  return (
    <Card title={t('publicCases.title')} style={{ marginTop: 24 }}>
      <ol style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {items.map((b) => (
          <li key={b.id} style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}>
            <Link to={`/public/cases/${b.id}`}>{t('publicCases.batch', { org: b.orgUnitName, no: b.batchNo })}</Link>
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {t('publicCases.handedOver', { date: formatDate(b.handedOverAt) })} · {t('report.publishedAt', { date: formatDate(b.publishedAt) })}
            </Typography.Text>
          </li>
        ))}
      </ol>
    </Card>
  );
}
