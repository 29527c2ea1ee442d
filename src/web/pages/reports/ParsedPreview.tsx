/** What the importer recognized in an uploaded report, before anything is written: metadata, warnings, tasks. */
import { Alert, Descriptions, Table, Tag } from 'antd';
import type { ParsedReport, ParsedTask } from '../../../core/report';
import { useI18n } from '../../i18n/i18n';
import { statusLabel } from '../../components/labels';

export function ParsedPreview({ parsed }: { parsed: ParsedReport }) {
  const { t, formatNumber } = useI18n();
  const none = t('common.notGiven');
  return (
    <>
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, md: 2 }}
        styles={{ label: { width: 120, whiteSpace: 'nowrap' } }}
        items={[
          { key: 'title', label: t('import.title'), span: 'filled', children: parsed.title || none },
          { key: 'region', label: t('import.region'), children: parsed.region ?? none },
          { key: 'inspection', label: t('import.inspection'), children: parsed.inspection ?? none },
          { key: 'asOf', label: t('import.asOf'), children: parsed.asOf ?? none },
          { key: 'tasks', label: t('import.taskCount'), children: formatNumber(parsed.tasks.length) },
          ...(parsed.notice ? [{ key: 'notice', label: t('import.notice'), span: 'filled' as const, children: parsed.notice.text }] : []),
          ...(parsed.summary.length ? [{ key: 'summary', label: t('import.summary'), span: 'filled' as const, children: parsed.summary.map((s) => s.text).join('；') }] : []),
        ]}
      />
      {parsed.warnings.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 16 }}
          title={t('import.warnings', { n: parsed.warnings.length })}
          description={
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {parsed.warnings.map((w, i) => <li key={i}>{w.line !== null ? t('import.line', { line: w.line }) : ''}{w.message}</li>)}
            </ul>
          }
        />
      )}
      <Table<ParsedTask>
        style={{ marginTop: 16 }}
        size="small"
        rowKey={(r, i) => `${r.code}-${i ?? 0}`}
        dataSource={parsed.tasks}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 800 }}
        columns={[
          { title: t('ledger.col.code'), key: 'code', width: 90, render: (_, r) => t('task.codeLabel', { code: r.code }) },
          { title: t('ledger.col.problem'), key: 'problem', render: (_, r) => <span className="clamp-2">{r.problem}</span> },
          {
            title: t('import.status'), key: 'status', width: 200,
            render: (_, r) => (r.status ? <>{r.status} <Tag>{statusLabel(t, r.statusCode)}</Tag></> : <Tag color="warning">{t('report.noStatus')}</Tag>),
          },
          { title: t('import.measures'), key: 'measures', width: 90, render: (_, r) => formatNumber(r.measures.length) },
          { title: t('import.documents'), key: 'documents', width: 90, render: (_, r) => formatNumber(r.documents.length) },
          { title: t('import.units'), key: 'units', width: 160, render: (_, r) => r.units.join('、') },
          { title: t('ledger.col.deadline'), key: 'deadline', width: 120, render: (_, r) => r.deadline ?? '' },
        ]}
      />
    </>
  );
}
