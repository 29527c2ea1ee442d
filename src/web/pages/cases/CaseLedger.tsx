/**
 * The case ledger (信访件台账): figures, filters in the URL (state, finding, type, flags, unit, batch, text), the
 * table sorted and paginated by the API, and the XLSX export of exactly this view.
 */
import { Button, Checkbox, Flex, Input, Select, Table, Tag } from 'antd';
import { ClearOutlined, DownloadOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router';
import { CASE_STATES, type CaseState } from '../../../core/case-state';
import { VERIFIED_VALUES, type Verified } from '../../../core/case';
import { withQuery } from '../../api/client';
import type { CaseBatch, CaseItem, CaseSummary } from '../../api/case-types';
import type { Page } from '../../api/types';
import { useApi } from '../../api/use-api';
import { useI18n } from '../../i18n/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { caseStateLabel, verifiedLabel } from '../../components/labels';
import { CASE_FLAGS, CASE_SORTS, parseCaseFilter, type CaseFilter, type CaseSort } from './case-filter';
import { CaseSummaryCards } from './CaseSummaryCards';

const STATE_COLORS: Record<CaseState, string> = { handling: 'processing', stage_done: 'cyan', done: 'success', closed: 'purple', reopened: 'orange' };

export function CaseStateTag({ state }: { state: CaseState }) {
  const { t } = useI18n();
  return <Tag color={STATE_COLORS[state]}>{caseStateLabel(t, state)}</Tag>;
}

export function CaseLedger() {
  const { t, formatDate, formatNumber } = useI18n();
  const [params, setParams] = useSearchParams();
  const filter = parseCaseFilter(params);
  const page = useApi<Page<CaseItem> & { asOf: string }>('/api/cases', filter);
  const summary = useApi<CaseSummary>('/api/cases/summary', { orgUnitId: filter.orgUnitId, inspectionId: filter.inspectionId, batchId: filter.batchId });
  const batches = useApi<{ items: CaseBatch[] }>('/api/case-batches');
  const go = (f: CaseFilter) => setParams(withQuery('', { tab: params.get('tab') ?? undefined, ...f }).replace(/^\?/, ''));
  const update = (patch: Partial<CaseFilter>) => go({ ...filter, ...patch, page: undefined });
  const { page: _p, pageSize: _s, ...exportFilter } = filter;
  const sortOrder = (key: CaseSort) => ((filter.sort ?? 'caseNo') === key ? (filter.order === 'desc' ? 'descend' : 'ascend') : null);

  return (
    <>
      {summary.data && <CaseSummaryCards summary={summary.data} base={{ orgUnitId: filter.orgUnitId, inspectionId: filter.inspectionId, batchId: filter.batchId }} />}
      <Flex wrap gap={8} style={{ marginBottom: 12 }} role="search" aria-label={t('cases.filters')}>
        <Input.Search key={filter.q ?? ''} defaultValue={filter.q} placeholder={t('cases.searchPlaceholder')} aria-label={t('cases.search')} allowClear enterButton
          onSearch={(q) => update({ q: q.trim() || undefined })} style={{ width: 260 }} />
        <OrgTreeSelect value={filter.orgUnitId} onChange={(v) => update({ orgUnitId: v })} placeholder={t('ledger.filter.org')} style={{ width: 190 }} />
        <Select<number> aria-label={t('cases.batch')} placeholder={t('cases.batch')} allowClear value={filter.batchId} onChange={(v) => update({ batchId: v ?? undefined })}
          options={(batches.data?.items ?? []).map((b) => ({ value: b.id, label: `${t('cases.batchNo', { no: b.batchNo })} · ${b.orgUnitName}` }))} style={{ width: 200 }} />
        <Select<CaseState[]> mode="multiple" aria-label={t('cases.state')} placeholder={t('cases.state')} value={filter.state ?? []} maxTagCount="responsive"
          onChange={(v) => update({ state: v.length ? v : undefined })} options={CASE_STATES.map((s) => ({ value: s, label: caseStateLabel(t, s) }))} style={{ width: 200 }} />
        <Select<Verified[]> mode="multiple" aria-label={t('cases.verified')} placeholder={t('cases.verified')} value={filter.verified ?? []} maxTagCount="responsive"
          onChange={(v) => update({ verified: v.length ? v : undefined })} options={VERIFIED_VALUES.map((s) => ({ value: s, label: verifiedLabel(t, s) }))} style={{ width: 180 }} />
        <Input aria-label={t('cases.type')} placeholder={t('cases.type')} key={`type-${filter.type ?? ''}`} defaultValue={filter.type} allowClear style={{ width: 120 }}
          onPressEnter={(e) => update({ type: e.currentTarget.value.trim() || undefined })} onBlur={(e) => e.target.value.trim() !== (filter.type ?? '') && update({ type: e.target.value.trim() || undefined })} />
        {CASE_FLAGS.map((f) => (
          <Checkbox key={f} checked={filter[f] === 'true'} onChange={(e) => update({ [f]: e.target.checked ? 'true' : undefined })}>{t(`cases.flag.${f}`)}</Checkbox>
        ))}
        <Button icon={<ClearOutlined />} onClick={() => go({})}>{t('ledger.reset')}</Button>
        <Button icon={<DownloadOutlined />} href={withQuery('/api/cases/export.xlsx', exportFilter)} download disabled={!page.data?.total}>{t('ledger.export')}</Button>
      </Flex>
      {page.error ? <ErrorAlert error={page.error} onRetry={page.reload} /> : null}
      <Table<CaseItem>
        rowKey="id"
        size="middle"
        loading={page.loading}
        dataSource={page.data?.items ?? []}
        scroll={{ x: 1100 }}
        locale={{ emptyText: t('cases.empty') }}
        pagination={{
          current: filter.page ?? 1, pageSize: filter.pageSize ?? 20, total: page.data?.total ?? 0, showSizeChanger: true, pageSizeOptions: [20, 50, 100, 200],
          showTotal: (n) => t('cases.totalN', { n: formatNumber(n) }),
        }}
        onChange={(pg, _f, sorter, extra) => {
          const s = Array.isArray(sorter) ? sorter[0] : sorter;
          if (extra.action === 'sort') {
            const key = s?.order ? (s.columnKey as CaseSort) : undefined;
            go({ ...filter, sort: key && CASE_SORTS.includes(key) ? key : undefined, order: key ? (s?.order === 'descend' ? 'desc' : 'asc') : undefined, page: undefined });
          } else go({ ...filter, page: pg.current === 1 ? undefined : pg.current, pageSize: pg.pageSize === 20 ? undefined : pg.pageSize });
        }}
        columns={[
          { key: 'caseNo', title: t('cases.caseNo'), width: 190, sorter: true, sortOrder: sortOrder('caseNo'), render: (_, c) => <Link to={`/cases/${c.id}`}>{c.caseNo}</Link> },
          { key: 'handedOver', title: t('cases.batch'), width: 130, sorter: true, sortOrder: sortOrder('handedOver'), render: (_, c) => <>{t('cases.batchNo', { no: c.batchNo })}<div style={{ fontSize: 12, color: '#8a938e' }}>{formatDate(c.handedOverAt)}</div></> },
          { key: 'content', title: t('cases.content'), render: (_, c) => <span className="clamp-2">{c.content}</span> },
          { key: 'unit', title: t('ledger.col.org'), width: 130, render: (_, c) => c.orgUnitName },
          { key: 'type', title: t('cases.type'), width: 80, render: (_, c) => c.pollutionType ?? '' },
          {
            key: 'state', title: t('cases.state'), width: 150,
            render: (_, c) => (
              <>
                <CaseStateTag state={c.state} />
                {c.isOverdue && <Tag color="error">{t('cases.flag.overdue')}</Tag>}
                {c.isKey && <Tag color="gold">{t('cases.flag.key')}</Tag>}
                {c.repeatOfCaseId && <Tag>{t('cases.flag.repeat')}</Tag>}
                {c.isListed && <Tag color="magenta">{t('cases.flag.listed')}</Tag>}
              </>
            ),
          },
          { key: 'verified', title: t('cases.verified'), width: 100, render: (_, c) => verifiedLabel(t, c.verified) },
          { key: 'deadline', title: t('cases.deadline'), width: 130, sorter: true, sortOrder: sortOrder('deadline'), render: (_, c) => formatDate(c.deadline) },
        ]}
      />
    </>
  );
}
