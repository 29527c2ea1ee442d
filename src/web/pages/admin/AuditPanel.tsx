/**
 * The audit log for people (GET /api/audit): each event as a sentence in the reader's language with its time
 * (2026年12月7日 14:03), linked to the record it concerns; filtered by person, unit (and below), action and a range of
 * days; the technical detail (codes, JSON before and after) behind each row's expander. Newest first, paged by id.
 */
import { useState } from 'react';
import { Button, DatePicker, Descriptions, Flex, Select, Table } from 'antd';
import type { Page } from '../../api/types';
import { useApi } from '../../api/use-api';
import { useI18n } from '../../i18n/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { AUDIT_ACTIONS } from './audit-actions';
import { actionLabel, auditSentence, type AuditTrailEvent } from './audit-sentence';

interface Filter { actorId?: number; orgUnitId?: number; action?: string; from?: string; to?: string }

/** A person to filter by, searched among the users the administrator manages; `known` names one chosen from a sentence. */
function PersonSelect({ value, known, onChange }: { value?: number; known?: { id: number; label: string }; onChange: (id: number | undefined) => void }) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const users = useApi<Page<{ id: number; username: string; displayName: string }>>('/api/users', { q: q || undefined, pageSize: 20, sort: 'displayName' });
  return (
    <Select<number>
      aria-label={t('auditLog.filterPerson')}
      placeholder={t('auditLog.filterPerson')}
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      value={value}
      onChange={(v) => onChange(v ?? undefined)}
      loading={users.loading}
      options={[
        ...(known && !users.data?.items.some((u) => u.id === known.id) ? [{ value: known.id, label: known.label }] : []),
        ...(users.data?.items ?? []).map((u) => ({ value: u.id, label: t('auditLog.actorWithUnit', { name: u.displayName, unit: u.username }) })),
      ]}
      style={{ width: 220 }}
    />
  );
}

export function AuditPanel() {
  const i18n = useI18n();
  const { t, formatDateTime } = i18n;
  const [filter, setFilter] = useState<Filter>({});
  const [known, setKnown] = useState<{ id: number; label: string }>();
  const [beforeId, setBeforeId] = useState<number | undefined>();
  const [pages, setPages] = useState<AuditTrailEvent[][]>([]);
  const page = useApi<{ items: AuditTrailEvent[]; nextBeforeId: number | null }>('/api/audit', { ...filter, beforeId, limit: 50 });
  const rows = [...pages.flat(), ...(page.data?.items ?? [])];
  const change = (patch: Partial<Filter>) => { setPages([]); setBeforeId(undefined); setFilter((f) => ({ ...f, ...patch })); };

  return (
    <>
      <Flex gap={8} wrap style={{ marginBottom: 12 }} data-testid="audit-filters">
        <PersonSelect value={filter.actorId} known={known} onChange={(actorId) => change({ actorId })} />
        <div style={{ width: 240 }}>
          <OrgTreeSelect value={filter.orgUnitId} onChange={(orgUnitId) => change({ orgUnitId })} placeholder={t('auditLog.filterUnit')} style={{ width: '100%' }} />
        </div>
        <Select<string>
          aria-label={t('auditLog.filterAction')}
          placeholder={t('auditLog.filterAction')}
          showSearch={{ optionFilterProp: 'label' }}
          allowClear
          value={filter.action}
          onChange={(action) => change({ action: action ?? undefined })}
          options={AUDIT_ACTIONS.map((a) => ({ value: a, label: actionLabel(i18n, a) }))}
          style={{ width: 220 }}
        />
        <DatePicker.RangePicker
          aria-label={t('auditLog.filterDates')}
          placeholder={[t('auditLog.filterFrom'), t('auditLog.filterTo')]}
          onChange={(v) => change({ from: v?.[0]?.format('YYYY-MM-DD'), to: v?.[1]?.format('YYYY-MM-DD') })}
        />
        {Object.values(filter).some((v) => v !== undefined) && <Button onClick={() => { setPages([]); setBeforeId(undefined); setFilter({}); }}>{t('auditLog.clear')}</Button>}
      </Flex>
      {page.error ? <ErrorAlert error={page.error} onRetry={page.reload} /> : null}
      <Table<AuditTrailEvent>
        rowKey="id"
        size="small"
        loading={page.loading}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: t('auditLog.empty') }}
        data-testid="audit-log"
        columns={[
          { title: t('auditLog.at'), key: 'at', width: 170, render: (_, e) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(e.at)}</span> },
          { title: t('auditLog.event'), key: 'event', render: (_, e) => <span data-testid="audit-sentence">{auditSentence(i18n, e, (actorId) => { setKnown({ id: actorId, label: e.actorDisplayName ?? e.actorName }); change({ actorId }); })}</span> },
        ]}
        expandable={{
          columnTitle: <span className="sr-only">{t('auditLog.details')}</span>,
          expandedRowRender: (e) => (
            <Descriptions size="small" column={1} bordered title={t('auditLog.details')} items={[
              { key: 'code', label: t('auditLog.code'), children: <code>{e.action}</code> },
              { key: 'object', label: t('auditLog.object'), children: <code>{`${e.entityType} ${e.entityId}`}</code> },
              ...(e.before === null ? [] : [{ key: 'before', label: t('auditLog.before'), children: <pre className="audit-json">{JSON.stringify(e.before, null, 2)}</pre> }]),
              ...(e.after === null ? [] : [{ key: 'after', label: t('auditLog.after'), children: <pre className="audit-json">{JSON.stringify(e.after, null, 2)}</pre> }]),
            ]} />
          ),
        }}
      />
      {page.data?.nextBeforeId && (
        <div style={{ textAlign: 'center', marginTop: 12 }}>
          <Button onClick={() => { setPages([...pages, page.data!.items]); setBeforeId(page.data!.nextBeforeId!); }}>{t('audit.more')}</Button>
        </div>
      )}
    </>
  );
}
