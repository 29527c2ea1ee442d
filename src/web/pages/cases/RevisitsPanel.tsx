/**
 * Quarterly revisits (复查回访抽查): the draws in the reader's scope; drawing a quarter's sample for a unit's subtree
 * (administrators), with the seed shown so anyone can redraw and check it; one draw's sampled cases, each revisit
 * recorded by a reviewer or administrator. The open draw is in the address (?tab=revisits&draw=ID).
 */
import { useState } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Form, Input, InputNumber, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import type { Revisit, RevisitDrawDetail, RevisitDrawItem } from '../../api/case-types';
import { useApi } from '../../api/use-api';
import { useOrgTree } from '../../api/org-tree';
import { useAuth } from '../../auth/auth';
import { useI18n } from '../../i18n/i18n';
import { revisitMethodLabel, satisfactionLabel } from '../../components/labels';
import { ErrorAlert, errorMessage } from '../../components/ErrorAlert';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { chinaDate } from '../../../core/calendar-date';
import { recentQuarters } from './quarters';
import { RevisitDialog } from './RevisitDialog';

interface DrawValues { orgUnitId?: number; quarter?: string; sharePercent?: number | null; seed?: string }

/** "2025Q2" in words: 2025年第2季度 / 2025 Q2. */
function useQuarterLabel() {
  const { t } = useI18n();
  return (quarter: string) => {
    const [year, q] = quarter.split('Q');
    return year && q ? t('revisits.quarterLabel', { year, q }) : quarter;
  };
}

/** Drawing a quarter's sample: the unit whose subtree is sampled, the quarter, the share (at least the configured one), an optional seed. */
function DrawForm({ onDrawn, onCancel }: { onDrawn: (drawId: number) => void; onCancel: () => void }) {
  const { t } = useI18n();
  const quarterLabel = useQuarterLabel();
  const [form] = Form.useForm<DrawValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const settings = useApi<{ value: { revisitShare?: number } }>('/api/settings/cases');
  const minShare = settings.data?.value.revisitShare;
  const minPercent = minShare ? Math.round(minShare * 1000) / 10 : 1;
  const quarters = recentQuarters(chinaDate(), 8);
  const submit = (v: DrawValues) => {
    setBusy(true);
    setError(null);
    api.post<RevisitDrawDetail>('/api/revisit-draws', {
      orgUnitId: v.orgUnitId, quarter: v.quarter, seed: v.seed?.trim() || undefined,
      share: typeof v.sharePercent === 'number' ? Math.round(v.sharePercent * 10) / 1000 : undefined,
    }).then((r) => { setBusy(false); onDrawn(r.draw.id); }, (e: unknown) => { setError(e); setBusy(false); });
  };
  return (
    <Card size="small" title={t('revisits.draw')} style={{ marginBottom: 16 }}>
      {error !== null && <ErrorAlert error={error} />}
      <Form<DrawValues> form={form} layout="vertical" onFinish={submit} name="draw" initialValues={{ quarter: quarters[1] }}>
        <Row gutter={12}>
          <Col xs={24} md={8}>
            <Form.Item name="orgUnitId" label={t('revisits.scope')} rules={[{ required: true, message: t('oversight.choose', { label: t('revisits.scope') }) }]} extra={t('revisits.scopeHint')}>
              <OrgTreeSelect placeholder={t('revisits.scope')} />
            </Form.Item>
          </Col>
          <Col xs={12} md={5}>
            <Form.Item name="quarter" label={t('revisits.quarter')} rules={[{ required: true, message: t('oversight.choose', { label: t('revisits.quarter') }) }, { pattern: /^\d{4}Q[1-4]$/, message: t('revisits.quarterRule') }]}
              extra={t('revisits.quarterHint')}>
              <Select options={quarters.map((q, i) => ({ value: q, label: i === 0 ? t('revisits.quarterCurrent', { quarter: quarterLabel(q) }) : quarterLabel(q) }))} />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            {/* Remounted once the configured share is known, so it becomes the default. */}
            <Form.Item key={minPercent} name="sharePercent" label={t('revisits.share')} initialValue={minShare ? minPercent : undefined}
              rules={[{ type: 'number', min: minPercent, max: 100, message: t('revisits.shareRule', { min: minPercent }) }]}
              extra={minShare ? t('revisits.shareHint', { min: minPercent }) : t('revisits.shareDefault')}>
              <InputNumber min={0} max={100} step={1} suffix="%" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={7}>
            <Form.Item name="seed" label={t('revisits.seed')} rules={[{ max: 100 }]} extra={t('revisits.seedHint')}>
              <Input />
            </Form.Item>
          </Col>
        </Row>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy}>{t('revisits.drawSubmit')}</Button>
          <Button onClick={onCancel}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </Card>
  );
}

/** One draw: how it was made (seed, share, population), whether the seed reproduces it, and its revisits. */
export function DrawDetail({ drawId, onBack }: { drawId: number; onBack: () => void }) {
  const { t, formatDate, formatDateTime, formatNumber } = useI18n();
  const { can } = useAuth();
  const quarterLabel = useQuarterLabel();
  const detail = useApi<RevisitDrawDetail>(`/api/revisit-draws/${drawId}`);
  const orgs = useOrgTree();
  const [recording, setRecording] = useState<Revisit | null>(null);
  const [toppingUp, setToppingUp] = useState(false);
  const { message } = App.useApp();
  const back = <Button icon={<ArrowLeftOutlined />} onClick={onBack} style={{ marginBottom: 12 }}>{t('revisits.backToList')}</Button>;
  if (detail.error) return <>{back}<ErrorAlert error={detail.error} onRetry={detail.reload} /></>;
  if (!detail.data) return <>{back}<Table loading dataSource={[]} /></>;
  const { draw, reproducible, revisits, quota } = detail.data;
  const topUp = async () => {
    setToppingUp(true);
    try {
      await api.post(`/api/revisit-draws/${drawId}/top-up`);
      detail.reload();
    } catch (e) {
      message.error(errorMessage(e, t));
    } finally {
      setToppingUp(false);
    }
  };
  const visited = revisits.filter((r) => r.visitedAt).length;
  const unitName = (id: number | undefined) => (id === undefined ? '' : orgs.paths.get(id)?.split('/').pop() ?? '');
  return (
    <>
      {back}
      {quota.message && (
        <Alert
          type={quota.status === 'missed' ? 'error' : quota.status === 'warning' ? 'warning' : 'info'} showIcon style={{ marginBottom: 12 }} data-testid="revisit-quota"
          title={quota.message}
          action={can('writeLedger') && quota.status !== 'missed' ? <Button size="small" loading={toppingUp} onClick={topUp}>{t('revisits.topUp')}</Button> : undefined}
        />
      )}
      {quota.status === 'missed' && can('writeLedger') && <Button loading={toppingUp} onClick={topUp} style={{ marginBottom: 12 }}>{t('revisits.topUp')}</Button>}
      <Descriptions size="small" bordered column={{ xs: 1, md: 3 }} title={t('revisits.drawTitle', { quarter: quarterLabel(draw.quarter), unit: draw.scopeOrgName })} style={{ marginBottom: 16 }}
        items={[
          { key: 'quarter', label: t('revisits.quarter'), children: quarterLabel(draw.quarter) },
          { key: 'unit', label: t('revisits.scope'), children: draw.scopeOrgName },
          { key: 'share', label: t('revisits.share'), children: formatNumber(draw.share, { style: 'percent', maximumFractionDigits: 1 }) },
          { key: 'population', label: t('revisits.population'), children: formatNumber(draw.populationSize) },
          { key: 'drawn', label: t('revisits.drawn'), children: formatNumber(revisits.length) },
          { key: 'visited', label: t('revisits.visited'), children: t('revisits.progress', { visited, drawn: revisits.length }) },
          { key: 'seed', label: t('revisits.seed'), children: <Typography.Text code copyable data-testid="draw-seed">{draw.seed}</Typography.Text> },
          { key: 'at', label: t('revisits.drawnAt'), children: formatDateTime(draw.drawnAt) },
          { key: 'topUps', label: t('revisits.topUps'), children: formatNumber(draw.topUps) },
          {
            key: 'check', label: t('revisits.reproducible'),
            children: reproducible ? <Tag color="success">{t('revisits.reproducibleYes')}</Tag> : <Tag color="error">{t('revisits.reproducibleNo')}</Tag>,
          },
        ]} />
      <Table<Revisit>
        rowKey="id" size="middle" dataSource={revisits} loading={detail.loading} scroll={{ x: 1000 }} locale={{ emptyText: t('revisits.noneInScope') }}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          { key: 'case', title: t('cases.caseNo'), width: 190, render: (_, r) => <Link to={`/cases/${r.caseId}?tab=oversight`}>{r.caseNo ?? r.caseId}</Link> },
          { key: 'unit', title: t('ledger.col.org'), width: 130, render: (_, r) => unitName(r.orgUnitId) },
          { key: 'visitedAt', title: t('revisit.visitedAt'), width: 130, render: (_, r) => (r.visitedAt ? formatDate(r.visitedAt) : <Tag color="warning">{t('oversight.revisitPending')}</Tag>) },
          { key: 'method', title: t('revisit.method'), width: 110, render: (_, r) => revisitMethodLabel(t, r.method) },
          { key: 'finding', title: t('revisit.finding'), render: (_, r) => <span className="clamp-2">{r.finding ?? ''}</span> },
          {
            key: 'satisfaction', title: t('revisit.satisfaction'), width: 150,
            render: (_, r) => <>{satisfactionLabel(t, r.satisfaction)} {r.relapsed && <Tag color="error">{t('oversight.relapsed')}</Tag>}</>,
          },
          ...(can('review') ? [{
            key: 'actions', title: t('common.actions'), width: 110,
            render: (_: unknown, r: Revisit) => (
              <Button size="small" type={r.visitedAt ? 'default' : 'primary'} onClick={() => setRecording(r)}>{r.visitedAt ? t('revisit.edit') : t('revisit.record')}</Button>
            ),
          }] : []),
        ]}
      />
      {recording && <RevisitDialog revisit={recording} onDone={detail.reload} onClose={() => setRecording(null)} />}
    </>
  );
}

export function RevisitsPanel() {
  const { t, formatDateTime, formatNumber } = useI18n();
  const { can } = useAuth();
  const quarterLabel = useQuarterLabel();
  const [params, setParams] = useSearchParams();
  const [drawing, setDrawing] = useState(false);
  const drawId = Number(params.get('draw'));
  const open = (id: number | null) => setParams(id ? { tab: 'revisits', draw: String(id) } : { tab: 'revisits' });
  const list = useApi<{ items: RevisitDrawItem[] }>(drawId > 0 ? null : '/api/revisit-draws');
  if (drawId > 0) return <DrawDetail key={drawId} drawId={drawId} onBack={() => open(null)} />;
  return (
    <>
      {can('writeLedger') && (drawing
        ? <DrawForm onDrawn={(id) => { setDrawing(false); open(id); }} onCancel={() => setDrawing(false)} />
        : <Button type="primary" onClick={() => setDrawing(true)} style={{ marginBottom: 12 }}>{t('revisits.draw')}</Button>)}
      {list.error ? <ErrorAlert error={list.error} onRetry={list.reload} /> : null}
      <Table<RevisitDrawItem>
        rowKey="id" size="middle" loading={list.loading} dataSource={list.data?.items ?? []} scroll={{ x: 900 }} locale={{ emptyText: t('revisits.empty') }}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          { key: 'quarter', title: t('revisits.quarter'), width: 150, render: (_, d) => <Link to={`/cases?tab=revisits&draw=${d.id}`}>{quarterLabel(d.quarter)}</Link> },
          { key: 'unit', title: t('revisits.scope'), render: (_, d) => d.scopeOrgName },
          { key: 'share', title: t('revisits.share'), width: 90, render: (_, d) => formatNumber(d.share, { style: 'percent', maximumFractionDigits: 1 }) },
          { key: 'population', title: t('revisits.population'), width: 110, render: (_, d) => formatNumber(d.populationSize) },
          {
            key: 'progress', title: t('revisits.visited'), width: 150,
            render: (_, d) => <Tag color={d.visited >= d.drawn ? 'success' : 'processing'}>{t('revisits.progress', { visited: d.visited, drawn: d.drawn })}</Tag>,
          },
          { key: 'seed', title: t('revisits.seed'), width: 170, render: (_, d) => <Typography.Text code>{d.seed}</Typography.Text> },
          { key: 'at', title: t('revisits.drawnAt'), width: 170, render: (_, d) => formatDateTime(d.drawnAt) },
        ]}
      />
    </>
  );
}
