/** What changed in the ledger between two dates, as the report would show it. */
import { Descriptions, Empty } from 'antd';
import { useI18n } from '../../i18n/i18n';

export interface ReportDiff {
  added: { code: string; problem: string }[];
  removed: { code: string; problem: string }[];
  statusChanged: { code: string; from: string | null; to: string | null }[];
  newlyCompleted: string[];
  newlyClosed: string[];
  newMeasures: { code: string; text: string }[];
  changedFigures: { code: string; context: string; unit: string; before: number; after: number }[];
}

export function DiffView({ diff }: { diff: ReportDiff }) {
  const { t, formatNumber } = useI18n();
  const code = (c: string) => t('task.codeLabel', { code: c });
  const rows = [
    { key: 'added', label: t('diff.added'), items: diff.added.map((x) => `${code(x.code)}：${x.problem}`) },
    { key: 'removed', label: t('diff.removed'), items: diff.removed.map((x) => `${code(x.code)}：${x.problem}`) },
    { key: 'status', label: t('diff.statusChanged'), items: diff.statusChanged.map((x) => `${code(x.code)}：${x.from ?? '—'} → ${x.to ?? '—'}`) },
    { key: 'completed', label: t('diff.newlyCompleted'), items: diff.newlyCompleted.map(code) },
    { key: 'closed', label: t('diff.newlyClosed'), items: diff.newlyClosed.map(code) },
    { key: 'measures', label: t('diff.newMeasures'), items: diff.newMeasures.map((x) => `${code(x.code)}：${x.text}`) },
    { key: 'figures', label: t('diff.changedFigures'), items: diff.changedFigures.map((x) => `${code(x.code)}：${x.context} ${formatNumber(x.before)} → ${formatNumber(x.after)}${x.unit}`) },
  ].filter((r) => r.items.length > 0);
  if (!rows.length) return <Empty description={t('diff.none')} />;
  return (
    <Descriptions
      bordered
      size="small"
      column={1}
      styles={{ label: { width: 140 } }}
      items={rows.map((r) => ({ key: r.key, label: r.label, children: <ul style={{ margin: 0, paddingLeft: 18 }}>{r.items.map((x, i) => <li key={i}>{x}</li>)}</ul> }))}
    />
  );
}
