/**
 * The closure steps the current state allows, each behind a dialog: accept or reject an application, start the
 * public notice, record and answer objections, close, reopen after a relapse — for the unit whose turn it is; file
 * (备案), sample (抽查) and send back — for the level above. The API decides who may.
 */
import { useState } from 'react';
import { Button, Checkbox, DatePicker, Form, Space, Tooltip } from 'antd';
import dayjs from 'dayjs';
import { api } from '../../api/client';
import type { ClosureView } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/zh';
import { TextDialog } from '../TextDialog';
import { chinaToday } from '../form-support';

type Step = 'accept' | 'reject' | 'notice' | 'objection' | 'answer' | 'close' | 'file' | 'reopen' | 'sample' | 'sendBack';
/** Steps the deciding unit is offered in each state (the state machine in src/core/closure.ts). */
const STEPS: Record<string, Step[]> = {
  applied: ['accept', 'reject'], noticed: ['objection', 'close'], accepted: ['notice'], closed: ['reopen'], filed: ['reopen'],
};
/** Steps the level above is offered: it receives the filing, samples accepted closures and may send one back. */
const ABOVE: Record<string, Step[]> = { accepted: ['sample', 'sendBack'], noticed: ['sample', 'sendBack'], closed: ['file', 'sample', 'sendBack'], filed: ['sample', 'sendBack'] };
const LABEL: Record<Step, MessageKey> = {
  accept: 'closure.action.accept', reject: 'closure.action.reject', notice: 'closure.action.startNotice', objection: 'closure.action.recordObjection',
  answer: 'closure.action.answerObjection', close: 'closure.action.close', file: 'closure.action.file', reopen: 'closure.action.reopen',
  sample: 'closure.action.sample', sendBack: 'closure.action.sendBack',
};
/** Steps that need a reason of at least two characters. */
const NEEDS_TEXT = new Set<Step>(['reject', 'objection', 'answer', 'reopen', 'sample', 'sendBack']);
/** Steps that may carry the day they were taken. */
const DATED = new Set<Step>(['accept', 'reject', 'notice', 'objection']);
const DATE_LABEL: Partial<Record<Step, MessageKey>> = { notice: 'closure.noticeStart', objection: 'closure.receivedAt', accept: 'closure.decidedOn', reject: 'closure.decidedOn' };

export function ClosureActions({ view, onDone }: { view: ClosureView; onDone: () => void }) {
  const { t, formatDate } = useI18n();
  const c = view.closure;
  const [step, setStep] = useState<{ step: Step; objectionId?: number } | null>(null);
  const [date, setDate] = useState<dayjs.Dayjs | null>(null);
  const [upheld, setUpheld] = useState(false);
  const open = view.objections.filter((o) => !o.answer);

  const perform = async (s: Step, text: string, objectionId?: number) => {
    const base = `/api/closures/${c.id}`;
    const comment = text || null;
    const day = date?.format('YYYY-MM-DD');
    switch (s) {
      case 'accept': return api.post(`${base}/accept`, { version: c.version, comment, decidedOn: day });
      case 'reject': return api.post(`${base}/reject`, { version: c.version, reason: text, decidedOn: day });
      case 'notice': return api.post(`${base}/notice`, { version: c.version, comment, startDate: day });
      case 'objection': return api.post(`${base}/objections`, { version: c.version, content: text, receivedAt: day });
      case 'answer': return api.post(`${base}/objections/${objectionId}/answer`, { version: c.version, answer: text, upheld });
      case 'close': return api.post(`${base}/close`, { version: c.version, comment });
      case 'file': return api.post(`${base}/file`, { version: c.version, comment });
      case 'reopen': return api.post(`${base}/reopen`, { version: c.version, reason: text });
      case 'sample': return api.post(`${base}/sample`, { version: c.version, opinion: text });
      case 'sendBack': return api.post(`${base}/send-back`, { version: c.version, reason: text });
    }
  };
  const start = (s: Step, objectionId?: number) => {
    setDate(null);
    setUpheld(false);
    setStep({ step: s, objectionId });
  };

  const above = (ABOVE[c.state] ?? []).filter((s) => (s === 'file' ? view.mayFile : view.maySample));
  const steps = [...(view.mayDecide ? STEPS[c.state] ?? [] : []), ...above];
  const answers = view.mayDecide && c.state === 'noticed' ? open : [];
  if (steps.length === 0 && answers.length === 0) return null;
  // 销号 is refused until the notice has ended with every objection answered: say so on the button, not after the click.
  const today = chinaToday().format('YYYY-MM-DD');
  const blocked = (s: Step): string | null => {
    if (s !== 'close') return null;
    if (!c.noticeEnd || today <= c.noticeEnd) return t('closure.closeAfterNotice', { date: formatDate(c.noticeEnd) });
    if (open.length > 0) return t('closure.closeAfterObjections', { n: open.length });
    return null;
  };
  const textLabel = (s: Step): MessageKey => (s === 'objection' ? 'closure.objectionContent' : s === 'answer' ? 'closure.answer' : s === 'sample' ? 'closure.opinion' : NEEDS_TEXT.has(s) ? 'closure.reason' : 'closure.comment');
  return (
    <>
      <Space wrap style={{ marginTop: 8 }}>
        {steps.map((s) => {
          const why = blocked(s);
          const button = <Button key={s} type={s === 'accept' || s === 'close' || s === 'file' ? 'primary' : 'default'} danger={s === 'reject' || s === 'reopen' || s === 'sendBack'} disabled={why !== null} onClick={() => start(s)}>{t(LABEL[s])}</Button>;
          return why ? <Tooltip key={s} title={why}><span data-testid={`closure-${s}-blocked`}>{button}</span></Tooltip> : button;
        })}
        {answers.map((o, i) => (
          <Button key={o.id} onClick={() => start('answer', o.id)}>{t('closure.answerN', { n: i + 1 })}</Button>
        ))}
      </Space>
      {step && (
        <TextDialog
          title={t(LABEL[step.step])}
          label={t(textLabel(step.step))}
          okText={t(LABEL[step.step])}
          required={NEEDS_TEXT.has(step.step)}
          danger={step.step === 'reject' || step.step === 'reopen' || step.step === 'sendBack'}
          onSubmit={async (text) => {
            await perform(step.step, text, step.objectionId);
            onDone();
          }}
          onClose={() => setStep(null)}
        >
          {DATED.has(step.step) && (
            <Form layout="vertical">
              <Form.Item label={t(DATE_LABEL[step.step]!)} htmlFor="closure-date" extra={t('closure.defaultToday')}>
                <DatePicker id="closure-date" value={date} onChange={setDate} />
              </Form.Item>
            </Form>
          )}
          {step.step === 'answer' && <Checkbox checked={upheld} onChange={(e) => setUpheld(e.target.checked)} style={{ marginBottom: 12 }}>{t('closure.upheldCheck')}</Checkbox>}
        </TextDialog>
      )}
    </>
  );
}
