/** Measures (整改措施) with their 一是/二是 items, and the dated milestones (节点) under each, with their state. */
import { Empty, Tag, Typography } from 'antd';
import type { AssignmentDetail, Milestone } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { measureOrdinal } from '../../components/numerals';
import { useAuth } from '../../auth/auth';
import { DeletePart, MilestoneForm } from './actions/PartForms';
import { chinaDate } from '../../../core/calendar-date';

function MilestoneTag({ m, asOf }: { m: Milestone; asOf: string }) {
  const { t, formatDate } = useI18n();
  if (m.doneDate) return <Tag color="success">{t('milestone.done', { date: formatDate(m.doneDate) })}</Tag>;
  if (m.dueDate < asOf) return <Tag color="error">{t('milestone.late', { date: formatDate(m.dueDate) })}</Tag>;
  return <Tag>{t('milestone.due', { date: formatDate(m.dueDate) })}</Tag>;
}

function Milestones({ items, asOf, onChanged }: { items: Milestone[]; asOf: string; onChanged?: () => void }) {
  const { t } = useI18n();
  if (!items.length) return null;
  return (
    <ul aria-label={t('task.milestones')} style={{ margin: '4px 0 0', paddingLeft: 20 }}>
      {items.map((m) => (
        <li key={m.id}>
          {m.title} <MilestoneTag m={m} asOf={asOf} />
          {onChanged && <DeletePart kind="milestones" id={m.id} version={m.version} onDeleted={onChanged} />}
        </li>
      ))}
    </ul>
  );
}

export function MeasuresSection({ detail, onChanged }: { detail: AssignmentDetail; onChanged: () => void }) {
  const { t, locale, formatDate } = useI18n();
  const { can } = useAuth();
  // A closed share is read-only (the notice above the tabs says why).
  const edit = can('writeLedger') && !detail.assignment.isClosed ? onChanged : undefined;
  const asOf = chinaDate();
  const loose = detail.milestones.filter((m) => m.measureId === null || !detail.measures.some((x) => x.id === m.measureId));
  const form = edit && <MilestoneForm assignmentId={detail.assignment.id} measures={detail.measures} onAdded={edit} />;
  if (!detail.measures.length && !detail.milestones.length) return <><Empty description={t('task.noMeasures')} />{form}</>;
  return (
    <>
      <ol className="plain-list" aria-label={t('task.measures')}>
        {detail.measures.map((m) => (
          <li key={m.id}>
              <Typography.Paragraph style={{ marginBottom: 4 }}>
                {m.ordinal !== null && <strong>{measureOrdinal(locale, m.ordinal)}</strong>}
                {m.text}
              </Typography.Paragraph>
              {(m.dueDate || m.doneDate || m.responsibleUnit) && (
                <Typography.Text type="secondary">
                  {[m.responsibleUnit, m.dueDate && t('measure.due', { date: formatDate(m.dueDate) }), m.doneDate && t('measure.done', { date: formatDate(m.doneDate) })].filter(Boolean).join(' · ')}
                </Typography.Text>
              )}
              <Milestones items={detail.milestones.filter((x) => x.measureId === m.id)} asOf={asOf} onChanged={edit} />
          </li>
        ))}
      </ol>
      {loose.length > 0 && (
        <>
          <Typography.Title level={5}>{t('task.otherMilestones')}</Typography.Title>
          <Milestones items={loose} asOf={asOf} onChanged={edit} />
        </>
      )}
      {form}
    </>
  );
}
