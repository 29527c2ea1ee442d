/**
 * One assignment as printed (A4 portrait): the overview, the measures with 序号, milestones, indicators and the
 * progress reports, without menus, tabs or buttons.
 */
import type { ReactNode } from 'react';
import { useParams } from 'react-router';
import type { AssignmentDetail } from '../../api/types';
import { useApi } from '../../api/use-api';
import { useI18n } from '../../i18n/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoading } from '../../components/PageLoading';
import { PrintSheet } from '../../components/print/PrintSheet';
import { DeadlineText } from '../../components/DeadlineText';
import { scheduleLabel, warningLabel } from '../../components/labels';
import type { MessageKey } from '../../i18n/zh';
import { warningReasonText } from '../../components/reasonText';

export default function TaskPrintPage() {
  const i18n = useI18n();
  const { t, has, formatDate, formatNumber } = i18n;
  const { assignmentId } = useParams();
  const id = encodeURIComponent(assignmentId ?? '');
  const { data, error, reload } = useApi<AssignmentDetail>(`/api/assignments/${id}`);
  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  if (!data) return <PageLoading />;
  const { assignment: a, task, org, inspection, plan } = data;
  const title = `${t('task.codeLabel', { code: task.code })} · ${org.name}`;
  const none = t('common.notGiven');
  const overview: [MessageKey, ReactNode][] = [
    ['task.problem', task.problem],
    ['task.goal', task.goal ?? none],
    ['task.state', `${scheduleLabel(t, a.scheduleStatus)} · ${warningLabel(t, a.warning)}`],
    ['task.stateReason', warningReasonText(i18n, a) ?? none],
    ['task.reportedStatus', a.statusText ?? none],
    ['task.deadline', <DeadlineText key="d" kind={a.deadlineKind} date={a.deadlineDate} text={task.deadlineText} />],
    ['task.org', org.name],
    ['task.leadUnit', task.leadUnit ?? none],
    ['task.responsibleUnits', task.responsibleUnits.length ? task.responsibleUnits.join('、') : none],
    ['task.responsiblePerson', a.responsiblePerson ?? task.responsiblePerson ?? none],
    ['task.inspection', inspection.name],
    ['task.plan', plan.title],
  ];
  const reports = data.progressReports.filter((r) => r.state !== 'draft');
  return (
    <PrintSheet title={title} subtitle={inspection.name} back={`/tasks/${id}`} ready>
      <table className="print-table print-fields" data-testid="print-task">
        <tbody>
          {overview.map(([label, value]) => <tr key={label}><th>{t(label)}</th><td className="prewrap">{value}</td></tr>)}
        </tbody>
      </table>

      <h2>{t('task.measures')}</h2>
      {data.measures.length === 0 ? <p>{t('common.none')}</p> : (
        <table className="print-table">
          <thead><tr><th style={{ width: '3em' }}>{t('layout.seq')}</th><th>{t('task.measures')}</th><th style={{ width: '9em' }}>{t('task.responsibleUnits')}</th><th style={{ width: '10em' }}>{t('task.deadline')}</th></tr></thead>
          <tbody>
            {data.measures.map((m, i) => (
              <tr key={m.id}>
                <td className="num">{i + 1}</td>
                <td>{m.text}{m.items.length > 0 && <ul>{m.items.map((x, j) => <li key={j}>{x}</li>)}</ul>}</td>
                <td>{m.responsibleUnit ?? ''}</td>
                <td>{m.doneDate ? t('measure.done', { date: formatDate(m.doneDate) }) : m.dueDate ? t('measure.due', { date: formatDate(m.dueDate) }) : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {data.milestones.length > 0 && (
        <>
          <h2>{t('task.milestones')}</h2>
          <table className="print-table">
            <thead><tr><th style={{ width: '3em' }}>{t('layout.seq')}</th><th>{t('task.milestones')}</th><th style={{ width: '14em' }}>{t('task.deadline')}</th></tr></thead>
            <tbody>
              {data.milestones.map((m, i) => (
                <tr key={m.id}><td className="num">{i + 1}</td><td>{m.title}</td><td>{m.doneDate ? t('milestone.done', { date: formatDate(m.doneDate) }) : t('milestone.due', { date: formatDate(m.dueDate) })}</td></tr>
              ))}
            </tbody>
          </table>
        </>
      )}

      {data.indicators.length > 0 && (
        <>
          <h2>{t('task.indicators')}</h2>
          <table className="print-table">
            <thead><tr><th style={{ width: '3em' }}>{t('layout.seq')}</th><th>{t('task.indicators')}</th><th>{t('indicator.baseline')}</th><th>{t('indicator.target')}</th><th>{t('indicator.latest')}</th></tr></thead>
            <tbody>
              {data.indicators.map((x, i) => {
                const latest = x.values[x.values.length - 1];
                const unit = x.unit ?? '';
                return (
                  <tr key={x.id}>
                    <td className="num">{i + 1}</td><td>{x.name}</td>
                    <td>{x.baseline === null ? '' : `${formatNumber(x.baseline)}${unit}`}</td>
                    <td>{`${formatNumber(x.target)}${unit}`}</td>
                    <td>{latest ? `${formatNumber(latest.value)}${unit}（${formatDate(latest.asOf)}）` : t('indicator.noValues')}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}

      <h2>{t('task.progress')}</h2>
      {reports.length === 0 ? <p>{t('common.none')}</p> : (
        <table className="print-table">
          <thead><tr><th style={{ width: '3em' }}>{t('layout.seq')}</th><th style={{ width: '9em' }}>{t('layout.printPeriod')}</th><th>{t('progress.progress')}</th><th style={{ width: '5em' }}>{t('layout.printState')}</th></tr></thead>
          <tbody>
            {reports.map((r, i) => (
              <tr key={r.id}>
                <td className="num">{i + 1}</td>
                <td>{r.periodLabel ?? t('progress.asOf', { date: formatDate(r.asOf) })}</td>
                <td className="prewrap">{[r.progress, r.problems && `${t('layout.labelled', { label: t('progress.problems') })}${r.problems}`, r.nextSteps && `${t('layout.labelled', { label: t('progress.nextSteps') })}${r.nextSteps}`].filter(Boolean).join('\n')}</td>
                <td>{has(`progress.state.${r.state}`) ? t(`progress.state.${r.state}` as MessageKey) : r.state}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </PrintSheet>
  );
}
