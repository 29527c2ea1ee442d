/** The ledger's columns: which exist, which are shown by default, and how the API sorts each sortable one. */
import type { TableColumnType } from 'antd';
import { Link } from 'react-router';
import type { LedgerRow } from '../../api/types';
import type { I18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/zh';
import type { SortKey } from '../../components/ledger-filter';
import { StatusTag } from '../../components/StatusTag';
import { WarningBadge } from '../../components/WarningBadge';
import { DeadlineText } from '../../components/DeadlineText';

export const COLUMN_KEYS = ['code', 'problem', 'org', 'inspection', 'category', 'status', 'statusText', 'warning', 'deadline', 'person', 'progress', 'updated'] as const;
export type ColumnKey = (typeof COLUMN_KEYS)[number];
export const DEFAULT_COLUMNS: ColumnKey[] = ['code', 'problem', 'org', 'status', 'warning', 'deadline', 'updated'];
/** Column → the API's sort key. */
export const SORTS: Partial<Record<ColumnKey, SortKey>> = { code: 'code', org: 'org', warning: 'warning', deadline: 'deadline', updated: 'updated' };

/** 序号: the row's place in the whole filtered ledger (continuing across pages), always first. */
export function seqColumn(t: I18n['t'], offset: number): TableColumnType<LedgerRow> {
  return { key: 'seq', title: t('layout.seq'), width: 64, fixed: 'left', align: 'center', render: (_, _r, i) => offset + i + 1 };
}

export const columnTitle = (t: I18n['t'], key: ColumnKey) => t(`ledger.col.${key}` as MessageKey);

export function buildColumns(i18n: I18n, shown: readonly ColumnKey[], sort: SortKey, order: 'asc' | 'desc'): TableColumnType<LedgerRow>[] {
  const { t, formatDateTime } = i18n;
  const all: Record<ColumnKey, TableColumnType<LedgerRow>> = {
    code: { width: 90, fixed: 'left', render: (_, r) => t('task.codeLabel', { code: r.taskCode }) },
    problem: { render: (_, r) => <Link to={`/tasks/${r.id}`} className="clamp-2">{r.problem}</Link>, width: 360 },
    org: { width: 150, render: (_, r) => r.orgUnitName },
    inspection: { width: 200, render: (_, r) => r.inspectionName },
    category: { width: 110, render: (_, r) => r.category ?? t('ledger.uncategorized') },
    status: { width: 130, render: (_, r) => <StatusTag status={r.scheduleStatus} /> },
    statusText: { width: 160, render: (_, r) => r.statusText ?? '' },
    warning: { width: 100, render: (_, r) => <WarningBadge color={r.warning} reason={r.warningReason} code={r.warningReasonCode} /> },
    deadline: { width: 140, render: (_, r) => <DeadlineText kind={r.deadlineKind} date={r.deadlineDate} /> },
    person: { width: 110, render: (_, r) => r.responsiblePerson ?? '' },
    progress: { width: 320, render: (_, r) => <span className="clamp-2">{r.latestProgress ?? ''}</span> },
    updated: { width: 170, render: (_, r) => formatDateTime(r.updatedAt) },
  };
  return shown.map((key) => {
    const apiSort = SORTS[key];
    return {
      key,
      title: columnTitle(t, key),
      ...all[key],
      ...(apiSort ? { sorter: true, sortOrder: sort === apiSort ? (order === 'asc' ? 'ascend' : 'descend') : null } : {}),
    } satisfies TableColumnType<LedgerRow>;
  });
}
