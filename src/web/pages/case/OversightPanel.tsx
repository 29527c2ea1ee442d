/**
 * Oversight of a case: listed supervision (挂牌督办, 摘牌), accountability (问责), and its revisits (复查回访). Administrators
 * (writeLedger) list, delist and record accountability here; reviewers and administrators (review) record a drawn revisit.
 */
import { useState } from 'react';
import { Button, Descriptions, Empty, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { CaseDetail, Listing, Revisit } from '../../api/case-types';
import { useAuth } from '../../auth/auth';
import { useI18n } from '../../i18n/i18n';
import { listingLevelLabel, listingReasonLabel, revisitMethodLabel, satisfactionLabel } from '../../components/labels';
import { RevisitDialog } from '../cases/RevisitDialog';
import { AccountabilityDialog, DelistDialog, ListingDialog } from './OversightDialogs';

type Dialog = { kind: 'list' } | { kind: 'delist'; listing: Listing } | { kind: 'accountability' } | { kind: 'revisit'; revisit: Revisit };

export function OversightPanel({ detail, onChanged }: { detail: CaseDetail; onChanged: () => void }) {
  const { t, formatDate } = useI18n();
  const { can } = useAuth();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const { listings, accountability, revisits } = detail;
  const caseId = detail.case.id;
  const active = listings.find((l) => !l.delistedAt);
  const close = () => setDialog(null);
  const mayWrite = can('writeLedger');
  const actions = mayWrite && (
    <Space wrap>
      {!active && <Button type="primary" onClick={() => setDialog({ kind: 'list' })}>{t('oversight.listAction')}</Button>}
      <Button onClick={() => setDialog({ kind: 'accountability' })}>{t('oversight.accountabilityAction')}</Button>
    </Space>
  );
  const dialogs = (
    <>
      {dialog?.kind === 'list' && <ListingDialog caseId={caseId} onDone={onChanged} onClose={close} />}
      {dialog?.kind === 'delist' && <DelistDialog listing={dialog.listing} onDone={onChanged} onClose={close} />}
      {dialog?.kind === 'accountability' && <AccountabilityDialog caseId={caseId} onDone={onChanged} onClose={close} />}
      {dialog?.kind === 'revisit' && <RevisitDialog revisit={dialog.revisit} caseNo={detail.case.caseNo} onDone={onChanged} onClose={close} />}
    </>
  );
  if (!listings.length && !accountability.length && !revisits.length) {
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
            { key: 'leader', label: t('oversight.leader'), children: l.leader ?? '' },
            { key: 'deadline', label: t('oversight.deadline'), children: formatDate(l.deadline) },
            { key: 'measures', label: t('oversight.measures'), span: 'filled', children: l.measures ?? '' },
            { key: 'listed', label: t('oversight.listedAt'), children: formatDate(l.listedAt) },
            ...(l.delistedAt ? [{ key: 'delisted', label: t('oversight.delistedAt'), children: `${formatDate(l.delistedAt)} ${l.delistDecision ?? ''}` }] : []),
          ]} />
      ))}
      {accountability.map((a) => (
        <Descriptions key={`a${a.id}`} size="small" bordered column={{ xs: 1, md: 2 }} title={t('oversight.accountability')}
          items={[
            { key: 'persons', label: t('oversight.persons'), children: a.persons.join('、') },
            { key: 'units', label: t('oversight.units'), children: a.units.join('、') },
            { key: 'measures', label: t('oversight.accountabilityMeasures'), span: 'filled', children: a.measures },
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
