/** One closure procedure: its state, the accepting unit, the notice period, every step taken and the objections. */
import { Descriptions, Steps, Tag, Timeline, Typography } from 'antd';
import type { ClosureChainStep, ClosureView } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { evidenceUrl } from '../evidence/evidence-format';

const STATE_COLORS: Record<string, string> = { applied: 'processing', accepted: 'cyan', noticed: 'gold', closed: 'success', filed: 'purple', returned: 'error', reopened: 'orange' };

export function ClosureStateTag({ state }: { state: string }) {
  const { t, has } = useI18n();
  const key = `closure.state.${state}`;
  return <Tag color={STATE_COLORS[state] ?? 'default'}>{has(key) ? t(key) : state}</Tag>;
}

const CHAIN_STATUS = { done: 'finish', current: 'process', pending: 'wait', returned: 'error' } as const;

/** The chain as steps: each with its unit, and once taken who, when, the opinion and the documents. */
export function ClosureChain({ chain }: { chain: ClosureChainStep[] }) {
  const { t, has, locale, formatDateTime } = useI18n();
  const title = (s: ClosureChainStep) => {
    if (locale === 'zh') return s.label;
    const key = `closure.chain.${s.key.replace(/-\d+$/, '')}`;
    return has(key) ? t(key) : s.label;
  };
  return (
    <div data-testid="closure-chain">
    <Steps
      orientation="vertical"
      size="small"
      aria-label={t('closure.chain')}
      items={chain.map((s) => ({
        key: s.key,
        status: CHAIN_STATUS[s.status],
        title: `${title(s)} · ${s.unitName}`,
        content: s.at ? (
          <div data-chain-step={s.key}>
            <Typography.Text type="secondary">{s.actorName ?? t('history.system')} · {formatDateTime(s.at)}</Typography.Text>
            {s.opinion && <div>{s.opinion}</div>}
            {s.comment && <div className="prewrap">{t('closure.opinion')}：{s.comment}</div>}
            {s.evidence.length > 0 && (
              <div>{t('closure.dossier')}：{s.evidence.map((e, i) => <span key={e.id}>{i > 0 && '、'}<a href={evidenceUrl(e.id)}>{e.name}</a></span>)}</div>
            )}
          </div>
        ) : s.status === 'current' ? <Typography.Text type="secondary">{t('closure.chainDue')}</Typography.Text> : undefined,
      }))}
    />
    </div>
  );
}

export function ClosureSteps({ view }: { view: ClosureView }) {
  const { t, has, formatDate, formatDateTime } = useI18n();
  const c = view.closure;
  const action = (step: string) => {
    const key = `closure.action.${step}`;
    return has(key) ? t(key) : step;
  };
  return (
    <>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 3 }}
        items={[
          { key: 'state', label: t('closure.stateLabel'), children: <ClosureStateTag state={c.state} /> },
          { key: 'unit', label: t('closure.acceptingUnit'), children: view.acceptingUnit.name },
          ...(c.noticeStart ? [{ key: 'notice', label: t('closure.notice'), children: `${formatDate(c.noticeStart)} – ${formatDate(c.noticeEnd)}` }] : []),
          ...(c.state === 'closed' || c.state === 'filed' ? [{
            key: 'form', label: t('closure.approvalForm'), children: <><a href={`/api/closures/${c.id}/approval.docx`} download>{t('closure.approvalForm')}</a>{' · '}<a href={`/api/closures/${c.id}/approval.pdf`} download>{t('supervision.approvalPdf')}</a></>,
          }] : []),
          ...(c.longTermMechanism ? [{ key: 'mechanism', label: t('closure.mechanism'), span: 'filled' as const, children: c.longTermMechanism }] : []),
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>{t('closure.chain')}</Typography.Title>
      <ClosureChain chain={view.chain} />
      <Typography.Title level={5}>{t('closure.record')}</Typography.Title>
      <Timeline
        style={{ marginTop: 16 }}
        items={view.steps.map((s) => ({
          key: s.id,
          content: (
            <div>
              <Typography.Text strong>{action(s.step)}</Typography.Text>
              <Typography.Text type="secondary"> · {s.actorName ?? t('history.system')} · {formatDateTime(s.at)}</Typography.Text>
              {s.decision && <div>{s.decision}</div>}
              {s.comment && <div className="prewrap">{s.comment}</div>}
              {s.evidence.length > 0 && (
                <div>{t('closure.dossier')}：{s.evidence.map((e, i) => <span key={e.id}>{i > 0 && '、'}<a href={evidenceUrl(e.id)}>{e.name}</a></span>)}</div>
              )}
            </div>
          ),
        }))}
      />
      {view.objections.length > 0 && (
        <>
          <Typography.Title level={5}>{t('closure.objections')}</Typography.Title>
          <ul className="plain-list">
            {view.objections.map((o) => (
              <li key={o.id}>
                <div><Typography.Text type="secondary">{formatDate(o.receivedAt)}</Typography.Text> {o.content}</div>
                {o.answer
                  ? <div>{t('closure.answer')}：{o.answer} <Tag color={o.upheld ? 'error' : 'success'}>{o.upheld ? t('closure.upheld') : t('closure.notUpheld')}</Tag></div>
                  : <Tag color="warning">{t('closure.unanswered')}</Tag>}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
