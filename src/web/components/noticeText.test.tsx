import { describe, expect, it } from 'vitest';
import { makeI18n } from '../i18n/i18n';
import { noticeText } from './noticeText';

const han = /[\u4e00-\u9fff]/;

describe('notifications in the reader\'s language', () => {
  const urge = { kind: 'round_urge', title: '催办：第3季度', body: '……', params: { round: 'Q3 round', unit: 'County A', count: 2, due: '2026-10-10' } };
  it('words a notice with params from its kind, dates in the reader\'s form', () => {
    const en = noticeText(makeI18n('en'), urge);
    expect(en).toEqual({ title: 'Reminder: Q3 round', body: 'County A has 2 tasks without a progress report, due Oct 10, 2026; please report as soon as possible.' });
    expect(noticeText(makeI18n('zh'), urge).body).toBe('County A尚有2项任务未报送进展，截止日期为2026年10月10日，请尽快报送。');
  });
  it('words closure steps by their step and state, and a returned report without doubled punctuation', () => {
    const step = noticeText(makeI18n('en'), { kind: 'closure_accept', title: 't', body: 'b', params: { subject: 'Task 3', step: 'accept', state: 'accepted', comment: '' } });
    expect(step).toEqual({ title: 'Task 3: Accept', body: 'Accept. Current state: Accepted.' });
    expect(step.body).not.toMatch(han);
    const returned = noticeText(makeI18n('zh'), { kind: 'report_returned', title: 't', body: 'b', params: { code: '3', comment: '现场照片不清晰。' } });
    expect(returned.body).toBe('退回理由：现场照片不清晰。请修改后重新报送。');
  });
  it('shows an old notice (no params) or an unknown kind as written', () => {
    expect(noticeText(makeI18n('en'), { kind: 'round_urge', title: '催办', body: '正文' })).toEqual({ title: '催办', body: '正文' });
    expect(noticeText(makeI18n('en'), { kind: 'new_kind', title: 'x', body: 'y', params: {} })).toEqual({ title: 'x', body: 'y' });
  });
});
