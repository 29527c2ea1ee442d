/**
 * The list of cases under listed supervision (挂牌督办清单) in the reader's scope: level, reason, leader, deadline,
 * each linked to its case; the delisted ones on request (the choice is kept in the address).
 */
import { Checkbox, Flex, Table, Tag } from 'antd';
import { Link, useSearchParams } from 'react-router';
import type { ListingItem } from '../../api/case-types';
import { useApi } from '../../api/use-api';
import { useI18n } from '../../i18n/i18n';
import { listingLevelLabel, listingReasonLabel } from '../../components/labels';
import { ErrorAlert } from '../../components/ErrorAlert';
import { chinaDate } from '../../../core/calendar-date';

export function ListingsPanel() {
  const { t, formatDate, formatNumber } = useI18n();
  const [params, setParams] = useSearchParams();
  const all = params.get('delisted') === 'true';
  const list = useApi<{ items: ListingItem[] }>('/api/supervision-listings', { subjectType: 'case', active: all ? undefined : 'true' });
  const now = chinaDate();
  return (
    <>
      <Flex wrap gap={8} align="center" style={{ marginBottom: 12 }}>
        <Checkbox checked={all} onChange={(e) => setParams(e.target.checked ? { tab: 'listings', delisted: 'true' } : { tab: 'listings' })}>{t('listings.showDelisted')}</Checkbox>
      </Flex>
      {list.error ? <ErrorAlert error={list.error} onRetry={list.reload} /> : null}
      <Table<ListingItem>
        rowKey="id" size="middle" loading={list.loading} dataSource={list.data?.items ?? []} scroll={{ x: 1000 }}
        locale={{ emptyText: all ? t('listings.emptyAll') : t('listings.empty') }}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showTotal: (n) => t('cases.totalN', { n: formatNumber(n) }) }}
        columns={[
          { key: 'case', title: t('cases.caseNo'), width: 190, render: (_, l) => <Link to={`/cases/${l.subjectId}?tab=oversight`}>{l.subjectLabel}</Link> },
          { key: 'unit', title: t('ledger.col.org'), width: 130, render: (_, l) => l.orgUnitName },
          { key: 'level', title: t('oversight.level'), width: 90, render: (_, l) => <Tag color={l.level === 'province' ? 'red' : l.level === 'city' ? 'magenta' : 'orange'}>{listingLevelLabel(t, l.level)}</Tag> },
          { key: 'reason', title: t('oversight.reason'), width: 150, render: (_, l) => listingReasonLabel(t, l.reason) },
          { key: 'measures', title: t('oversight.measures'), render: (_, l) => <span className="clamp-2">{l.measures ?? ''}</span> },
          {
            key: 'deadline', title: t('oversight.deadline'), width: 150,
            render: (_, l) => <>{formatDate(l.deadline)} {!l.delistedAt && l.deadline && l.deadline < now && <Tag color="error">{t('cases.flag.overdue')}</Tag>}</>,
          },
          { key: 'listed', title: t('oversight.listedAt'), width: 130, render: (_, l) => formatDate(l.listedAt) },
          ...(all ? [{
            key: 'delisted', title: t('oversight.delistedAt'), width: 130,
            render: (_: unknown, l: ListingItem) => (l.delistedAt ? formatDate(l.delistedAt) : <Tag color="magenta">{t('oversight.active')}</Tag>),
          }] : []),
        ]}
      />
    </>
  );
}
