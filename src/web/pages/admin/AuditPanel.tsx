/** The audit trail of the administrator's subtrees (GET /api/audit), newest first, filtered by action, paged by id. */
import { useState } from 'react';
import { Button, Flex, Input, Table } from 'antd';
import { Link } from 'react-router';
import type { AuditEvent } from '../../api/types';
import { useApi } from '../../api/use-api';
import { useI18n } from '../../i18n/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { describeChange } from '../task/HistorySection';

type Event = AuditEvent & { assignmentId: number | null };

export function AuditPanel() {
  const { t, has, formatDateTime } = useI18n();
  const [action, setAction] = useState('');
  const [beforeId, setBeforeId] = useState<number | undefined>();
  const [pages, setPages] = useState<Event[][]>([]);
  const page = useApi<{ items: Event[]; nextBeforeId: number | null }>('/api/audit', { action: action || undefined, beforeId, limit: 50 });
  const rows = [...pages.flat(), ...(page.data?.items ?? [])];
  const label = (a: string) => {
    const key = `audit.${a}`;
    return has(key) ? t(key) : a;
  };
  return (
    <>
      <Flex gap={8} style={{ marginBottom: 12 }}>
        <Input.Search aria-label={t('audit.filterAction')} placeholder={t('audit.filterAction')} allowClear style={{ width: 280 }}
          onSearch={(v) => { setPages([]); setBeforeId(undefined); setAction(v.trim()); }} />
      </Flex>
      {page.error ? <ErrorAlert error={page.error} onRetry={page.reload} /> : null}
      <Table<Event>
        rowKey="id"
        size="small"
        loading={page.loading}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 900 }}
        columns={[
          { title: t('history.at'), key: 'at', width: 170, render: (_, e) => formatDateTime(e.at) },
          { title: t('history.actor'), key: 'actor', width: 110, render: (_, e) => (e.actorName === 'system' ? t('history.system') : e.actorName) },
          { title: t('history.action'), key: 'action', width: 170, render: (_, e) => <span title={e.action}>{label(e.action)}</span> },
          { title: t('audit.subject'), key: 'subject', width: 150, render: (_, e) => (e.assignmentId ? <Link to={`/tasks/${e.assignmentId}`}>{`${e.entityType} #${e.entityId}`}</Link> : `${e.entityType} #${e.entityId}`) },
          { title: t('history.change'), key: 'change', render: (_, e) => describeChange(e.before, e.after).map((l, i) => <div key={i} style={{ fontSize: 12 }}>{l}</div>) },
        ]}
      />
      {page.data?.nextBeforeId && (
        <div style={{ textAlign: 'center', marginTop: 12 }}>
          <Button onClick={() => { setPages([...pages, page.data!.items]); setBeforeId(page.data!.nextBeforeId!); }}>{t('audit.more')}</Button>
        </div>
      )}
    </>
  );
}
