/** The full history (audit trail) of the assignment: who did what when, and what changed. */
import { Empty, Table, Typography } from 'antd';
import type { AuditEvent } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/zh';

function short(v: unknown): string {
  if (v === null || v === undefined) return '—';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 80 ? `${s.slice(0, 80)}…` : s;
}

/** "field: before → after" for each field that differs (or is set, for a creation). */
export function describeChange(before: unknown, after: unknown): string[] {
  const b = before && typeof before === 'object' ? (before as Record<string, unknown>) : {};
  const a = after && typeof after === 'object' ? (after as Record<string, unknown>) : {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return keys
    .filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]))
    .map((k) => (k in b ? `${k}: ${short(b[k])} → ${short(a[k])}` : `${k}: ${short(a[k])}`));
}

/** Events as task and case pages carry them. */
type HistoryEvent = Pick<AuditEvent, 'id' | 'at' | 'actorName' | 'action' | 'before' | 'after'>;

export function HistorySection({ events }: { events: HistoryEvent[] }) {
  const { t, has, formatDateTime } = useI18n();
  if (!events.length) return <Empty description={t('task.noHistory')} />;
  return (
    <Table<HistoryEvent>
      size="small"
      rowKey="id"
      dataSource={events}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      scroll={{ x: 720 }}
      columns={[
        { title: t('history.at'), key: 'at', width: 180, render: (_, e) => formatDateTime(e.at) },
        { title: t('history.actor'), key: 'actor', width: 120, render: (_, e) => (e.actorName === 'system' ? t('history.system') : e.actorName) },
        { title: t('history.action'), key: 'action', width: 160, render: (_, e) => (has(`audit.${e.action}`) ? t(`audit.${e.action}` as MessageKey) : e.action) },
        {
          title: t('history.change'), key: 'change',
          render: (_, e) => describeChange(e.before, e.after).map((line, i) => <Typography.Text key={i} style={{ display: 'block', fontSize: 12 }}>{line}</Typography.Text>),
        },
      ]}
    />
  );
}
