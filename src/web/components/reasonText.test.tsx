import { describe, expect, it } from 'vitest';
import { makeI18n } from '../i18n/i18n';
import { warningReasonText, wordReason } from './reasonText';
import { zhReason, type Reason } from '../../core/reason-text';

const han = /[\u4e00-\u9fff]/;
const reasons: Reason[] = [
  [{ k: 'override', p: { status: 'on_schedule', text: 'agreed', computed: 'overdue' }, sub: [{ k: 'overdueRolled', p: { deadline: '2026-10-01', due: '2026-10-09' } }] }],
  [{ k: 'longTermScope', p: { cycle: 'quarterly', year: 2026, n: 3 } }, { k: 'tallyMissed', p: { asOf: '2026-08-01', expected: 2, done: 2, missed: 1 } }, { k: 'onSchedule' }],
  [{ k: 'nearMilestoneLate', p: { cycle: 'half', year: 2026, n: 2, date: '2026-12-31', days: 3 } }],
  [{ k: 'child', p: { unit: 'Xinbin' }, sub: [{ k: 'behindSchedule' }, { k: 'behindMargin', p: { percent: 30 } }] }],
  [{ k: 'noItems' }, { k: 'cannotJudge' }],
];

describe('warning reasons in the reader\'s language', () => {
  it('words every reason in English with no Chinese, dates and quarters in English form', () => {
    const en = makeI18n('en');
    for (const r of reasons) expect(wordReason(en, r)).not.toMatch(han);
    expect(wordReason(en, reasons[1]!)).toBe('Long-term task, judged on the targets of 2026 Q3: 2 milestones due by Aug 1, 2026, 2 done (1 due milestones not done), on schedule');
    expect(wordReason(en, reasons[0]!)).toContain('Set by a person to On schedule: agreed (computed: Overdue; The deadline Oct 1, 2026 (moved to Oct 9, 2026');
  });
  it('words them in Chinese as the server does, with no ISO date or 2026Q3', () => {
    const zh = makeI18n('zh');
    for (const r of reasons) {
      const text = wordReason(zh, r);
      expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}|\d{4}Q\d/);
      expect(text).toBe(zhReason(r));
    }
  });
  it('shows an old row\'s text as written', () => {
    expect(warningReasonText(makeI18n('en'), { warningReason: '整改时限已过', warningReasonCode: null })).toBe('整改时限已过');
    expect(warningReasonText(makeI18n('en'), { warningReason: null })).toBeNull();
  });
});
