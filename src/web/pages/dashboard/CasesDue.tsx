/** Complaint cases still being handled, soonest deadline first (overdue ones lead); each opens its case page. */
import { Table, Tag } from 'antd';
import { Link } from 'react-router';
import { withQuery } from '../../api/client';
import type { CaseItem } from '../../api/case-types';
import type { Page } from '../../api/types';
import type { ApiState } from '../../api/use-api';
import { useI18n } from '../../i18n/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';

/** The query shared by the tab's count and its "view all" link. */
export const OPEN_CASES = { state: ['handling', 'reopened', 'stage_done'], sort: 'deadline', order: 'asc' } as const;

export function CasesDue({ page }: { page: ApiState<Page<CaseItem>> }) {
  const { t, formatDate } = useI18n();
  if (page.error) return <ErrorAlert error={page.error} onRetry={page.reload} />;
  return (
    <>
      <Table<CaseItem>
        size="small" rowKey="id" loading={page.loading} dataSource={page.data?.items ?? []} pagination={false} locale={{ emptyText: t('common.none') }} scroll={{ x: 560 }}
        columns={[
          { title: t('cases.caseNo'), key: 'no', width: 170, render: (_, c) => <Link to={`/cases/${c.id}`}>{c.caseNo}</Link> },
          { title: t('cases.content'), key: 'content', render: (_, c) => <span className="clamp-2">{c.content}</span> },
          { title: t('ledger.col.org'), key: 'unit', width: 120, render: (_, c) => c.orgUnitName },
          { title: t('cases.deadline'), key: 'deadline', width: 150, render: (_, c) => <>{formatDate(c.state === 'stage_done' ? c.stageDue : c.deadline)} {c.isOverdue && <Tag color="error">{t('cases.flag.overdue')}</Tag>}</> },
        ]}
      />
      {(page.data?.total ?? 0) > 0 && (
        <div style={{ textAlign: 'right', marginTop: 8 }}>
          <Link to={withQuery('/cases', OPEN_CASES)}>{t('dashboard.viewAllCases', { n: page.data!.total })}</Link>
        </div>
      )}
    </>
  );
}
