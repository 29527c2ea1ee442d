/** Everything published, newest first; the report on screen is marked. */
import { Card, Typography } from 'antd';
import { Link } from 'react-router';
import type { PublishedReportRecord } from '../../api/types';
import { useI18n } from '../../i18n/i18n';

export function ReportHistory({ items, currentId }: { items: PublishedReportRecord[]; currentId: number | null }) {
  const { t, formatDate } = useI18n();
  return (
    <Card title={t('public.history')}>
      <ol style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {items.map((r) => {
          const current = r.id === currentId;
          return (
            <li key={r.id} style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}>
              <Link to={`/public/${r.id}`} aria-current={current ? 'page' : undefined} style={{ fontWeight: current ? 600 : 400 }}>
                {r.title}
              </Link>
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                {r.orgUnitName} · {r.asOf ? t('report.asOf', { date: formatDate(r.asOf) }) : ''} · {t('report.publishedAt', { date: formatDate(r.publishedAt) })}
              </Typography.Text>
            </li>
          );
        })}
      </ol>
    </Card>
  );
}
