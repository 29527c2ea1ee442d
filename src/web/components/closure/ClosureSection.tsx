/**
 * Acceptance and closure (验收销号) of a task share or a complaint case (the same procedure): the current procedure
 * with its steps, earlier ones, and the actions its state allows.
 */
import { useState } from 'react';
import { Button, Empty, Segmented, Space, Typography } from 'antd';
import type { Closure, ClosureView } from '../../api/types';
import { useApi } from '../../api/use-api';
import { useAuth } from '../../auth/auth';
import { useI18n } from '../../i18n/i18n';
import { ErrorAlert } from '../ErrorAlert';
import { PageLoading } from '../PageLoading';
import { ApplyDialog, type ClosureSubject } from './ApplyDialog';
import { ClosureActions } from './ClosureActions';
import { ClosureSteps } from './ClosureSteps';

/** A new application is possible when nothing is under way: none yet, or the last one was returned or reopened. */
const MAY_APPLY = new Set(['returned', 'reopened']);

export function ClosureSection({ subject, onChanged }: { subject: ClosureSubject; onChanged: () => void }) {
  const { t, formatDate } = useI18n();
  const { can } = useAuth();
  const list = useApi<{ items: Closure[] }>('/api/closures', { subjectType: subject.type, subjectId: subject.id });
  const items = [...(list.data?.items ?? [])].sort((a, b) => b.id - a.id);
  const [chosen, setChosen] = useState<number | null>(null);
  const current = items.find((c) => c.id === chosen) ?? items[0];
  const view = useApi<ClosureView>(current ? `/api/closures/${current.id}` : null);
  const [applying, setApplying] = useState(false);
  const refresh = () => {
    list.reload();
    view.reload();
    onChanged();
  };

  if (list.error) return <ErrorAlert error={list.error} onRetry={list.reload} />;
  if (list.loading && !list.data) return <PageLoading />;
  const latest = items[0];
  const mayApply = can('writeProgress') && subject.mayApply && (!latest || MAY_APPLY.has(latest.state));

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={12}>
      {mayApply && <Button type="primary" onClick={() => setApplying(true)}>{t('closure.action.apply')}</Button>}
      {items.length === 0 ? (
        <Empty description={t('closure.none')} />
      ) : (
        <>
          {items.length > 1 && (
            <Segmented
              value={current?.id}
              onChange={(v) => setChosen(v)}
              options={items.map((c) => ({ value: c.id, label: t('closure.procedureOf', { date: formatDate(c.createdAt) }) }))}
            />
          )}
          {view.error ? <ErrorAlert error={view.error} onRetry={view.reload} /> : view.data ? (
            <>
              <ClosureSteps view={view.data} />
              {current?.id === latest?.id && <ClosureActions view={view.data} onDone={refresh} />}
            </>
          ) : <PageLoading />}
        </>
      )}
      {!can('writeProgress') && items.length === 0 && <Typography.Text type="secondary">{t('closure.readOnly')}</Typography.Text>}
      {applying && <ApplyDialog subject={subject} onDone={refresh} onClose={() => setApplying(false)} />}
    </Space>
  );
}
