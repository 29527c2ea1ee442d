/**
 * Oversight of a case: listed supervision (挂牌督办, 摘牌 — with a reason before the case is 办结), leaders in personal
 * charge (领导包案) with their visits and instructions, accountability (问责, one person a record), and its revisits
 * (复查回访). Administrators (writeLedger) list, delist, record leaders and accountability here; reviewers and
 * administrators (review) record a drawn revisit.
 */
import { useState } from 'react';
import { Button, Descriptions, Empty, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { CaseDetail, LeaderCharge, Listing, Revisit } from '../../api/case-types';
import { useAuth } from '../../auth/auth';
import { useI18n } from '../../i18n/i18n';
import { listingLevelLabel, listingReasonLabel, revisitMethodLabel, satisfactionLabel } from '../../components/labels';
import { RevisitDialog } from '../cases/RevisitDialog';
import { AccountabilityDialog, DelistDialog, ListingDialog } from './OversightDialogs';
import { LeaderActionDialog, LeaderChargeDialog } from './LeaderDialogs';
import { LeaderCharges } from './LeaderCharges';

type Dialog = { kind: 'list' } | { kind: 'delist'; listing: Listing } | { kind: 'accountability' } | { kind: 'revisit'; revisit: Revisit }
  | { kind: 'leader' } | { kind: 'leaderAction'; charge: LeaderCharge };

export function OversightPanel({ detail, onChanged }: { detail: CaseDetail; onChanged: () => void }) {
  const { t, formatDate } = useI18n();
  const { can } = useAuth();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const { listings, accountability, revisits } = detail;
  const { leaderCharges } = detail;
  /** 办结: 已办结 or 销号; before that, 摘牌 needs the listing unit's reason. */
  const isDone = detail.case.state === 'done' || detail.case.state === 'closed';
  const caseId = detail.case.id;
  const active = listings.find((l) => !l.delistedAt);
  const close = () => setDialog(null);
  const mayWrite = can('writeLedger');
  const actions = mayWrite && (
    <Space wrap>
      {!active && <Button type="primary" onClick={() => setDialog({ kind: 'list' })}>{t('oversight.listAction')}</Button>}
      <Button onClick={() => setDialog({ kind: 'leader' })}>{t('supervision.leaderAction')}</Button>
      <Button onClick={() => setDialog({ kind: 'accountability' })}>{t('oversight.accountabilityAction')}</Button>
    </Space>
  );
  const dialogs = (
    <>
      {dialog?.kind === 'list' && <ListingDialog caseId={caseId} onDone={onChanged} onClose={close} />}
      {dialog?.kind === 'delist' && <DelistDialog listing={dialog.listing} needsReason={!isDone} onDone={onChanged} onClose={close} />}
      {dialog?.kind === 'leader' && <LeaderChargeDialog caseId={caseId} onDone={onChanged} onClose={close} />}
      {dialog?.kind === 'leaderAction' && <LeaderActionDialog charge={dialog.charge} onDone={onChanged} onClose={close} />}
      {dialog?.kind === 'accountability' && <AccountabilityDialog caseId={caseId} onDone={onChanged} onClose={close} />}
      {dialog?.kind === 'revisit' && <RevisitDialog revisit={dialog.revisit} caseNo={detail.case.caseNo} onDone={onChanged} onClose={close} />}
    </>
  );
  if (!listings.length && !accountability.length && !revisits.length && !leaderCharges.length) {
    return <Space orientation="vertical" size={16} style={{ width: '100%' }}>{actions}<Empty description={t('oversight.none')} />{dialogs}</Space>;
  }
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {actions}
      {listings.map((l) => (
        <Descriptions key={`l${l.id}`} size="small" bordered column={{ xs: 1, md: 2 }} title={<>{t('oversight.listing')} {l.delistedAt ? <Tag>{t('oversight.delisted')}</Tag> : <Tag color="magenta">{t('oversight.active')}</Tag>}</>}
          extra={!l.delistedAt && mayWrite ? <Button danger size="small" onClick={() => setDialog({ kind: 'delist', listing: l })}>{t('oversight.delistAction')}</Button> : undefined}
          items={[
            { key: 'level', label: t('oversight.level'), children: listingLevelLabel(t, l.level) },
            { key: 'reason', label: t('oversight.reason'), children: listingReasonLabel(t, l.reason) },
            { key: 'deadline', label: t('oversight.deadline'), children: formatDate(l.deadline) },
            { key: 'measures', label: t('oversight.measures'), span: 'filled', children: l.measures ?? '' },
            { key: 'listed', label: t('oversight.listedAt'), children: formatDate(l.listedAt) },
            ...(l.delistedAt ? [{ key: 'delisted', label: t('oversight.delistedAt'), children: `${formatDate(l.delistedAt)} ${l.delistDecision ?? ''}` }] : []),
            ...(l.delistReason ? [{ key: 'delistReason', label: t('supervision.delistReason'), span: 'filled' as const, children: l.delistReason }] : []),
          ]} />
      ))}
      <LeaderCharges charges={leaderCharges} mayWrite={!!mayWrite} onAddAction={(charge) => setDialog({ kind: 'leaderAction', charge })} />
      {accountability.map((a) => (
        <Descriptions key={`a${a.id}`} size="small" bordered column={{ xs: 1, md: 2 }} title={t('oversight.accountability')}
          items={[
            { key: 'person', label: t('supervision.person'), children: a.person ?? '' },
            { key: 'position', label: t('supervision.position'), children: a.position ?? '' },
            { key: 'unit', label: t('supervision.unit'), children: a.unitName ?? '' },
            { key: 'measure', label: t('supervision.measure'), children: a.measure === 'other' && a.measureOther ? `${t('supervision.measure.other')}（${a.measureOther}）` : t(`supervision.measure.${a.measure}`) },
            { key: 'decided', label: t('oversight.decidedAt'), children: formatDate(a.decidedAt) },
            { key: 'doc', label: t('oversight.document'), children: a.document ?? '' },
          ]} />
      ))}
      {revisits.length > 0 && (
        <>
          <Typography.Title level={5}>{t('oversight.revisits')}</Typography.Title>
          <ul className="plain-list">
            {revisits.map((r) => (
              <li key={r.id}>
                {r.visitedAt ? <>{formatDate(r.visitedAt)} · {revisitMethodLabel(t, r.method)} · {r.finding} {r.satisfaction && <Tag>{satisfactionLabel(t, r.satisfaction)}</Tag>} {r.relapsed && <Tag color="error">{t('oversight.relapsed')}</Tag>}</> : <Tag color="warning">{t('oversight.revisitPending')}</Tag>}
                {' '}<Link to={`/cases?tab=revisits&draw=${r.drawId}`}>{t('oversight.openDraw')}</Link>
                {!r.visitedAt && can('review') && <Button size="small" type="link" onClick={() => setDialog({ kind: 'revisit', revisit: r })}>{t('revisit.record')}</Button>}
              </li>
            ))}
          </ul>
        </>
      )}
      {dialogs}
    </Space>
  );
}
