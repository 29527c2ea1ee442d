/**
 * Everything published: each report once (its newest version), newest first, with its earlier versions under it;
 * the version on screen is marked.
 */
import { Card, Typography } from 'antd';
import { Link } from 'react-router';
import type { PublishedReportGroup, PublishedReportRecord } from '../../api/types';
import { useI18n } from '../../i18n/i18n';

function VersionLink({ r, current, titled }: { r: PublishedReportRecord; current: boolean; titled: boolean }) {
  const { t, formatDate } = useI18n();
  return (
    <>
      <Link to={`/public/${r.id}`} aria-current={current ? 'page' : undefined} style={{ fontWeight: current ? 600 : 400 }}>
        {titled ? r.title : t('public.versionOf', { n: r.version })}
      </Link>
      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
        {[titled ? r.orgUnitName : null, titled ? t('public.versionOf', { n: r.version }) : null, r.asOf ? t('report.asOf', { date: formatDate(r.asOf) }) : null, t('report.publishedAt', { date: formatDate(r.publishedAt) })]
          .filter(Boolean).join(' · ')}
      </Typography.Text>
    </>
  );
}

export function ReportHistory({ items, currentId }: { items: PublishedReportGroup[]; currentId: number | null }) {
  const { t } = useI18n();
  return (
    <Card title={t('public.history')}>
      <ol style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label={t('public.history')}>
        {items.map((r) => (
          <li key={r.id} style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}>
            <VersionLink r={r} current={r.id === currentId} titled />
            {r.earlier.length > 0 && (
              <details open={r.earlier.some((e) => e.id === currentId)} style={{ marginTop: 4 }}>
                <summary style={{ fontSize: 12, cursor: 'pointer' }}>{t('public.earlier', { n: r.earlier.length })}</summary>
                <ol style={{ listStyle: 'none', paddingLeft: 12, margin: 0 }}>
                  {r.earlier.map((e) => (
                    <li key={e.id} style={{ padding: '4px 0' }}><VersionLink r={e} current={e.id === currentId} titled={false} /></li>
                  ))}
                </ol>
              </details>
            )}
          </li>
        ))}
      </ol>
    </Card>
  );
}
