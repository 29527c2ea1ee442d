/** What needs attention now: overdue, behind schedule, and due within the warning window; each tab links to its ledger. */
import { Card, Tabs } from 'antd';
import { Link } from 'react-router';
import type { Dashboard, LedgerRow, Page } from '../../api/types';
import { useApi } from '../../api/use-api';
import { useAuth } from '../../auth/auth';
import { useI18n } from '../../i18n/i18n';
import { AssignmentList } from '../../components/AssignmentList';
import { ErrorAlert } from '../../components/ErrorAlert';
import { addDays, ledgerHref, OPEN_STATUSES, type LedgerFilter } from '../../components/ledger-filter';
import { ReviewQueue, type QueueItem } from './ReviewQueue';
import { CasesDue, OPEN_CASES } from './CasesDue';
import type { CaseItem } from '../../api/case-types';

const SHOWN = 5;

function AttentionTab({ filter }: { filter: LedgerFilter }) {
  const { t } = useI18n();
  const page = useApi<Page<LedgerRow>>('/api/assignments', { ...filter, pageSize: SHOWN });
  if (page.error) return <ErrorAlert error={page.error} onRetry={page.reload} />;
  return (
    <>
      <AssignmentList rows={page.data?.items ?? []} loading={page.loading} />
      {page.data && page.data.total > 0 && (
        <div style={{ textAlign: 'right', marginTop: 8 }}>
          <Link to={ledgerHref(filter)}>{t('dashboard.viewAll', { n: page.data.total })}</Link>
        </div>
      )}
    </>
  );
}

export function AttentionList({ data, orgUnitId, asOf }: { data: Dashboard; orgUnitId?: number; asOf?: string }) {
  const { t } = useI18n();
  const { can } = useAuth();
  const mayReview = can('review');
  const queue = useApi<{ items: QueueItem[] }>(mayReview ? '/api/progress-reports' : null);
  const cases = useApi<Page<CaseItem>>('/api/cases', { ...OPEN_CASES, orgUnitId, pageSize: SHOWN });
  const days = data.settings.yellowDueWithinDays;
  const tabs: { key: string; label: string; filter: LedgerFilter }[] = [
    { key: 'overdue', label: t('dashboard.attention.overdue', { n: data.byStatus.overdue ?? 0 }), filter: { orgUnitId, asOf, status: ['overdue'], sort: 'deadline' } },
    { key: 'behind', label: t('dashboard.attention.behind', { n: data.byStatus.behind_schedule ?? 0 }), filter: { orgUnitId, asOf, status: ['behind_schedule'], sort: 'deadline' } },
    {
      key: 'dueSoon', label: t('dashboard.attention.dueSoon', { days, n: data.dueSoon }),
      filter: { orgUnitId, asOf, status: OPEN_STATUSES, deadlineFrom: data.asOf, deadlineTo: addDays(data.asOf, days), sort: 'deadline' },
    },
  ];
  const items = tabs.map((tab) => ({ key: tab.key, label: tab.label, children: <AttentionTab filter={tab.filter} /> }));
  if (mayReview) {
    items.push({ key: 'review', label: t('dashboard.attention.review', { n: queue.data?.items.length ?? 0 }), children: <ReviewQueue queue={queue} /> });
  }
  if ((cases.data?.total ?? 0) > 0) {
    items.push({ key: 'cases', label: t('dashboard.attention.cases', { n: cases.data!.total }), children: <CasesDue page={cases} /> });
  }
  return (
    <Card title={t('dashboard.attention')}>
      <Tabs items={items} />
    </Card>
  );
}
