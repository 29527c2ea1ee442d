/**
 * One complaint case: the handover details, the complainant (masked; opened by readers granted complainants' details,
 * each view recorded), handling and its state, penalties, evidence, acceptance and closure, oversight, and the history.
 */
import { useState } from 'react';
import { Breadcrumb, Card, Descriptions, Space, Tabs, Tag, Typography } from 'antd';
import { Link, useParams, useSearchParams } from 'react-router';
import type { CaseDetail, ComplainantReveal } from '../../api/case-types';
import { useApi } from '../../api/use-api';
import { useAuth } from '../../auth/auth';
import { useI18n } from '../../i18n/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoading } from '../../components/PageLoading';
import { sourceLabel, verifiedLabel } from '../../components/labels';
import { ClosureSection } from '../../components/closure/ClosureSection';
import { EvidenceList } from '../../components/evidence/EvidenceList';
import { EvidenceUpload } from '../../components/evidence/EvidenceUpload';
import { HistorySection } from '../task/HistorySection';
import { CaseStateTag } from '../cases/CaseLedger';
import { HandlingPanel } from './HandlingPanel';
import { PenaltiesPanel } from './PenaltiesPanel';
import { OversightPanel } from './OversightPanel';
import { ComplainantField } from './ComplainantField';

export default function CasePage() {
  const { t, formatDate } = useI18n();
  const { can } = useAuth();
  const { caseId } = useParams();
  const [params] = useSearchParams();
  const { data, error, reload: load } = useApi<CaseDetail>(`/api/cases/${encodeURIComponent(caseId ?? '')}`);
  // The details as written, once opened (the view is recorded); a reload masks them again.
  const [revealed, setRevealed] = useState<ComplainantReveal | null>(null);
  const reload = () => { setRevealed(null); load(); };
  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  if (!data) return <PageLoading />;
  const c = revealed ? { ...data.case, ...revealed.texts } : data.case;
  const detail = revealed ? {
    ...data, case: c, revisits: data.revisits.map((r) => ({ ...r, finding: revealed.revisits.find((o) => o.id === r.id)?.finding ?? r.finding })),
  } : data;
  const complainant = (
    <ComplainantField caseId={c.id} masked={data.complainant} mayReveal={data.mayRevealComplainant} revealed={revealed} onRevealed={setRevealed} />
  );

  return (
    <>
      <Breadcrumb items={[{ title: <Link to="/cases">{t('nav.cases')}</Link> }, { title: c.caseNo }]} />
      <Space align="center" wrap style={{ margin: '12px 0 16px' }}>
        <Typography.Title level={2} style={{ margin: 0 }}>{c.caseNo}</Typography.Title>
        <span data-testid="case-state"><CaseStateTag state={c.state} /></span>
        {c.isOverdue && <Tag color="error">{t('cases.flag.overdue')}</Tag>}
        {c.isKey && <Tag color="gold">{t('cases.flag.key')}</Tag>}
      </Space>
      <Card style={{ marginBottom: 16 }}>
        <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} styles={{ label: { width: 120, whiteSpace: 'nowrap' } }} items={[
          { key: 'content', label: t('cases.content'), span: 'filled', children: <span className="prewrap">{c.content}</span> },
          { key: 'batch', label: t('cases.batch'), children: `${t('cases.batchNo', { no: data.batch.batchNo })} · ${formatDate(data.batch.handedOverAt)}` },
          { key: 'unit', label: t('ledger.col.org'), children: data.unit.name },
          { key: 'region', label: t('cases.region'), children: c.regionText ?? '' },
          { key: 'target', label: t('cases.target'), children: c.targetName ?? '' },
          { key: 'type', label: t('cases.type'), children: c.pollutionType ?? '' },
          { key: 'source', label: t('cases.source'), children: sourceLabel(t, c.source) },
          { key: 'deadline', label: t('cases.deadline'), children: formatDate(c.deadline) },
          { key: 'verified', label: t('cases.verified'), children: verifiedLabel(t, c.verified) },
          { key: 'inspection', label: t('task.inspection'), children: data.inspection.name },
          { key: 'complainant', label: t('cases.complainant'), span: 'filled' as const, children: complainant },
          ...(data.repeatOf ? [{
            key: 'repeat', label: t('cases.flag.repeat'), span: 'filled' as const,
            children: <>{data.repeatOf.id ? <Link to={`/cases/${data.repeatOf.id}`}>{data.repeatOf.caseNo}</Link> : data.repeatOf.caseNo} {data.repeatOf.reason ?? ''}</>,
          }] : []),
        ]} />
      </Card>
      <Card>
        <Tabs destroyOnHidden defaultActiveKey={params.get('tab') ?? 'handling'} items={[
          { key: 'handling', label: t('cases.handlingTab'), children: <HandlingPanel record={c} onChanged={reload} /> },
          { key: 'penalties', label: `${t('cases.penalties')} (${data.penalties.length})`, children: <PenaltiesPanel caseId={c.id} penalties={data.penalties} onChanged={reload} /> },
          {
            key: 'evidence', label: `${t('task.evidence')} (${data.evidence.length})`,
            children: <EvidenceList evidence={data.evidence} upload={can('writeProgress') ? <EvidenceUpload url={`/api/cases/${c.id}/evidence`} onUploaded={reload} /> : undefined} />,
          },
          { key: 'closure', label: t('task.closure'), children: <ClosureSection subject={{ type: 'case', id: c.id, evidence: data.evidence, isLongTerm: false, mayApply: c.state === 'done' }} onChanged={reload} /> },
          { key: 'oversight', label: t('cases.oversight'), children: <OversightPanel detail={detail} onChanged={reload} /> },
          { key: 'history', label: `${t('task.history')} (${data.history.length})`, children: <HistorySection events={data.history} /> },
        ]} />
      </Card>
    </>
  );
}
