/** A published report laid out as the document it is: title, then 任务N：problem, 整改情况：status, （一）measures. */
import { Alert, Card, Typography } from 'antd';
import { Link } from 'react-router';
import type { ParsedTask } from '../../../core/report';
import type { PublishedReport } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { measureOrdinal } from '../../components/numerals';

function TaskSection({ task }: { task: ParsedTask }) {
  const { t, locale } = useI18n();
  return (
    <section aria-labelledby={`task-${task.code}`}>
      <h2 id={`task-${task.code}`}><strong>{t('report.task', { code: task.code })}</strong>{task.problem}</h2>
      {task.goal && <p><strong>{t('report.goal')}</strong>{task.goal}</p>}
      {task.units.length > 0 && <p><strong>{t('report.units')}</strong>{task.units.join('、')}</p>}
      {task.deadline && <p><strong>{t('report.deadline')}</strong>{task.deadline}</p>}
      <p className="status-line">{t('report.status')}{task.status ?? t('report.noStatus')}</p>
      {task.measures.map((m, i) => (
        <p key={i}>{m.ordinal !== null ? measureOrdinal(locale, m.ordinal) : ''}{m.text}</p>
      ))}
      {task.progress && <p><strong>{t('report.progress')}</strong>{task.progress}</p>}
    </section>
  );
}

export function ReportDocument({ data }: { data: PublishedReport }) {
  const { t, formatDate } = useI18n();
  const { report, content, latest } = data;
  return (
    <Card>
      {latest && latest.id !== report.id && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('public.newer', { version: report.version, latest: latest.version })}
          action={<Link to={`/public/${latest.id}`}>{t('public.openLatest')}</Link>} />
      )}
      <article className="report-doc" aria-labelledby="report-title">
        <h1 id="report-title">{content.title || report.title}</h1>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center', textIndent: 0 }}>
          {t('report.meta', { org: report.orgUnitName, inspection: report.inspectionName })}
          {report.asOf && <> · {t('report.asOf', { date: formatDate(report.asOf) })}</>}
          {' · '}{t('public.versionOf', { n: report.version })}
          {' · '}{t('report.publishedAt', { date: formatDate(report.publishedAt) })}
        </Typography.Paragraph>
        {content.notice && <p>{content.notice.text}</p>}
        {content.summary.length > 0 && content.summary.map((s, i) => <p key={i}>{s.text}</p>)}
        {content.tasks.map((task, i) => <TaskSection key={`${task.code}-${i}`} task={task} />)}
      </article>
    </Card>
  );
}
