/**
 * The round's grid: each unit × owed / awaiting review / returned / accepted / missing / late, its last 催办, and
 * the button to send one. The button is disabled, with the reason on hover, when the unit owes nothing or was
 * already reminded today (the server allows one a day per unit per round).
 */
import { Button, Popconfirm, Table, Tooltip, Typography } from 'antd';
import { useI18n } from '../../i18n/i18n';

export interface UnitRow {
  orgUnitId: number; orgUnitName: string; owed: number; reported: number; late: number; awaitingReview: number; returned: number; accepted: number; missing: number;
  lastUrgedAt: string | null; urgedToday: boolean;
}

const time = (iso: string) => new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(iso));

export function UnitGrid({ units, mayUrge, onUrge }: { units: UnitRow[]; mayUrge: boolean; onUrge: (orgUnitId: number) => void }) {
  const { t, formatDateTime } = useI18n();
  const n = (v: number, danger = false) => (v && danger ? <Typography.Text type="danger">{v}</Typography.Text> : v);
  return (
    <Table<UnitRow> size="small" rowKey="orgUnitId" dataSource={units} pagination={units.length > 20 ? { pageSize: 20 } : false} scroll={{ x: 860 }}
      locale={{ emptyText: t('common.none') }}
      columns={[
        { title: t('rounds.grid.unit'), key: 'u', render: (_, u) => u.orgUnitName },
        { title: t('rounds.owed'), key: 'o', width: 70, render: (_, u) => u.owed },
        { title: t('rounds.awaitingReview'), key: 'ar', width: 80, render: (_, u) => u.awaitingReview },
        { title: t('rounds.returned'), key: 're', width: 80, render: (_, u) => n(u.returned, true) },
        { title: t('rounds.accepted'), key: 'ac', width: 80, render: (_, u) => u.accepted },
        { title: t('rounds.missing'), key: 'm', width: 70, render: (_, u) => n(u.missing, true) },
        { title: t('rounds.late'), key: 'l', width: 70, render: (_, u) => n(u.late, true) },
        { title: t('rounds.grid.lastUrged'), key: 'lu', width: 170, render: (_, u) => (u.lastUrgedAt ? formatDateTime(u.lastUrgedAt) : '—') },
        ...(mayUrge ? [{
          title: t('rounds.grid.urge'), key: 'urge', width: 90,
          render: (_: unknown, u: UnitRow) => {
            const owes = u.missing + u.returned > 0;
            const why = !owes ? t('rounds.nothingToUrge') : u.urgedToday && u.lastUrgedAt ? t('rounds.urgedToday', { time: time(u.lastUrgedAt) }) : null;
            const button = <Button size="small" disabled={why !== null} data-testid={`urge-${u.orgUnitId}`}>{t('rounds.grid.urge')}</Button>;
            return why ? <Tooltip title={why}><span>{button}</span></Tooltip> : (
              <Popconfirm title={t('rounds.urgeOneConfirm', { unit: u.orgUnitName })} okText={t('rounds.grid.urge')} cancelText={t('common.cancel')} onConfirm={() => onUrge(u.orgUnitId)}>{button}</Popconfirm>
            );
          },
        }] : []),
      ]} />
  );
}
