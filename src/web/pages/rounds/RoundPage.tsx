/**
 * One reporting round, run from one page: the grid of units × owed / awaiting review / returned / accepted /
 * missing with 催办 per unit or for all that have not reported (once a day per unit), the reports with batch review
 * (all or nothing), the status table as XLSX, the round sheets, and closing the round. A task opened from here
 * carries the round (?round=ID), so its report counts for this round.
 */
import { useState } from 'react';
import { App, Breadcrumb, Button, Card, Col, Flex, Popconfirm, Row, Segmented, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import { DownloadOutlined, NotificationOutlined } from '@ant-design/icons';
import { Link, useParams, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { useApi } from '../../api/use-api';
import { useAuth } from '../../auth/auth';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/zh';
import { ErrorAlert, errorMessage } from '../../components/ErrorAlert';
import { PageLoading } from '../../components/PageLoading';
import type { Round } from './RoundsPage';
import { SheetImport } from '../../components/sheet-import/SheetImport';
import { BatchReviewBar } from './BatchReviewBar';
import type { Entry, EntryState } from './round-entries';
import { UnitGrid, type UnitRow } from './UnitGrid';

interface SheetReturn { id: number; orgUnitName: string; fileName: string; returnedByName: string | null; returnedAt: string; summary: { reports: number; edits: number } }

interface RoundView {
  round: Round; asOf: string; mayReview: boolean; mayUrge: boolean;
  counts: { owed: number; reported: number; awaitingReview: number; accepted: number; returned: number; missing: number; late: number };
  units: UnitRow[];
  items: Entry[]; total: number; page: number; pageSize: number;
}
const FILTERS = ['all', 'missing', 'late', 'awaiting_review', 'returned', 'accepted'] as const;
const ENTRY_COLORS: Record<EntryState, string> = { missing: 'default', awaiting_review: 'processing', returned: 'error', accepted: 'success' };

export default function RoundPage() {
  const { t, formatDate, formatDateTime } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const { roundId } = useParams();
  const [params] = useSearchParams();
  const initial = FILTERS.find((f) => f === params.get('status')) ?? 'all';
  const [status, setStatus] = useState<(typeof FILTERS)[number]>(initial);
  const [selected, setSelected] = useState<Entry[]>([]);
  const [page, setPage] = useState(1);
  const view = useApi<RoundView>(`/api/rounds/${encodeURIComponent(roundId ?? '')}`, { status: status === 'all' ? undefined : status, page, pageSize: 20 });
  const returns = useApi<{ items: SheetReturn[] }>(`/api/rounds/${encodeURIComponent(roundId ?? '')}/sheet-returns`);
  if (view.error) return <ErrorAlert error={view.error} onRetry={view.reload} />;
  if (!view.data) return <PageLoading />;
  const { round, counts, units } = view.data;
  const close = () => api.post(`/api/rounds/${round.id}/close`, { version: round.version }).then(view.reload, (e: unknown) => void message.error(errorMessage(e, t)));
  const urge = (orgUnitId?: number) => api.post<{ sent: unknown[]; skipped: unknown[] }>(`/api/rounds/${round.id}/urge`, orgUnitId ? { orgUnitId } : {}).then((r) => {
    if (r.sent.length) void message.success(t('rounds.urgeSent', { n: r.sent.length }));
    if (r.skipped.length) void message.info(t('rounds.urgeSkipped', { n: r.skipped.length }));
    view.reload();
  }, (e: unknown) => { void message.error(errorMessage(e, t)); view.reload(); });
  const owing = units.some((u) => u.missing + u.returned > 0 && !u.urgedToday);
  const figures: [MessageKey, number][] = [
    ['rounds.owed', counts.owed], ['rounds.reported', counts.reported], ['rounds.awaitingReview', counts.awaitingReview], ['rounds.accepted', counts.accepted],
    ['rounds.returned', counts.returned], ['rounds.missing', counts.missing], ['rounds.late', counts.late],
  ];
  return (
    <>
      <Breadcrumb items={[{ title: <Link to="/rounds">{t('nav.rounds')}</Link> }, { title: round.name }]} />
      <Row justify="space-between" align="middle" style={{ margin: '12px 0' }}>
        <Typography.Title level={2} style={{ margin: 0 }}>{round.name} <Tag color={round.state === 'open' ? 'processing' : 'default'}>{round.state === 'open' ? t('rounds.stateOpen') : t('rounds.stateClosed')}</Tag></Typography.Title>
        <Flex gap={8} wrap>
          {view.data.mayUrge && (
            <Popconfirm title={t('rounds.urgeAllConfirm')} okText={t('rounds.grid.urge')} cancelText={t('common.cancel')} onConfirm={() => urge()} disabled={!owing}>
              <Tooltip title={owing ? undefined : t('rounds.nothingToUrge')}>
                <Button icon={<NotificationOutlined />} disabled={!owing} data-testid="urge-all">{t('rounds.urgeAll')}</Button>
              </Tooltip>
            </Popconfirm>
          )}
          <Button icon={<DownloadOutlined />} href={`/api/rounds/${round.id}/status.xlsx`} download>{t('rounds.exportStatus')}</Button>
          <Button icon={<DownloadOutlined />} href={`/api/rounds/${round.id}/sheet.xlsx`} download disabled={counts.owed === 0}>{t('sheets.downloadRound')}</Button>
          {round.state === 'open' && can('writeProgress') && (
            <SheetImport roundId={round.id} label={t('sheets.uploadRound')} onApplied={() => { view.reload(); returns.reload(); }} />
          )}
          {round.state === 'open' && can('writeLedger') && (
            <Popconfirm title={t('rounds.closeConfirm')} okText={t('rounds.close')} cancelText={t('common.cancel')} onConfirm={close}><Button>{t('rounds.close')}</Button></Popconfirm>
          )}
        </Flex>
      </Row>
      <Typography.Paragraph type="secondary">
        {round.scopeOrgName} · {formatDate(round.periodStart)} – {formatDate(round.periodEnd)} · {t('rounds.dueOn', { date: formatDate(round.dueDate) })}
      </Typography.Paragraph>
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        {figures.map(([key, n]) => <Col key={key} xs={12} sm={8} md={6} lg={3}><Card size="small"><Statistic title={t(key)} value={n} /></Card></Col>)}
      </Row>
      <Card size="small" title={t('rounds.byUnit')} style={{ marginBottom: 16 }} data-testid="unit-grid">
        <UnitGrid units={units} mayUrge={view.data.mayUrge} onUrge={urge} />
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={8}>
          <Card size="small" title={t('sheets.returns')} style={{ marginBottom: 16 }} data-testid="sheet-returns">
            <Table<SheetReturn> size="small" rowKey="id" dataSource={returns.data?.items ?? []} loading={returns.loading} pagination={{ pageSize: 10, hideOnSinglePage: true }}
              locale={{ emptyText: t('sheets.returnsEmpty') }} columns={[
                { title: t('hierarchy.unit'), key: 'u', render: (_, r) => r.orgUnitName },
                { title: t('sheets.returnedAt'), key: 'at', render: (_, r) => formatDateTime(r.returnedAt) },
                { title: t('sheets.returnedBy'), key: 'by', render: (_, r) => r.returnedByName ?? '—' },
                { title: t('sheets.changed'), key: 'n', render: (_, r) => r.summary.reports + r.summary.edits },
              ]} />
          </Card>
        </Col>
        <Col xs={24} lg={16}>
          <Card size="small">
            <Segmented value={status} onChange={(v) => { setStatus(v); setPage(1); setSelected([]); }} style={{ marginBottom: 12 }}
              options={FILTERS.map((f) => ({ value: f, label: t(`rounds.filter.${f}`) }))} />
            {view.data.mayReview && <BatchReviewBar roundId={round.id} selected={selected} onDone={() => { setSelected([]); view.reload(); }} />}
            <Table<Entry> size="small" rowKey="assignmentId" loading={view.loading} dataSource={view.data.items} scroll={{ x: 700 }}
              rowSelection={view.data.mayReview ? {
                selectedRowKeys: selected.map((e) => e.assignmentId),
                onChange: (_, rows) => setSelected(rows.filter((r) => r.state === 'awaiting_review')),
                getCheckboxProps: (e) => ({ disabled: e.state !== 'awaiting_review', title: e.state !== 'awaiting_review' ? t('rounds.batch.onlyPending') : undefined }),
              } : undefined}
              pagination={{ current: page, pageSize: 20, total: view.data.total, onChange: setPage, hideOnSinglePage: true }}
              columns={[
                { title: t('ledger.col.code'), key: 'code', width: 90, render: (_, e) => <Link to={`/tasks/${e.assignmentId}?round=${round.id}`}>{t('task.codeLabel', { code: e.taskCode })}</Link> },
                { title: t('ledger.col.problem'), key: 'p', render: (_, e) => <span className="clamp-2">{e.problem}</span> },
                { title: t('ledger.col.org'), key: 'u', width: 130, render: (_, e) => e.orgUnitName },
                {
                  title: t('rounds.state'), key: 's', width: 170,
                  render: (_, e) => <><Tag color={ENTRY_COLORS[e.state]}>{t(`rounds.entry.${e.state}`)}</Tag>{(e.isLate || e.submittedLate) && <Tag color="error">{t('rounds.lateTag')}</Tag>}</>,
                },
                { title: t('dashboard.submittedAt'), key: 'at', width: 170, render: (_, e) => formatDateTime(e.submittedAt) },
              ]} />
          </Card>
        </Col>
      </Row>
    </>
  );
}
