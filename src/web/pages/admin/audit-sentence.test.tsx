import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { makeI18n } from '../../i18n/i18n';
import { auditSentence, auditSentenceText, type AuditTrailEvent } from './audit-sentence';
import { visibleNav, selectedKey, sectionOf } from '../../components/nav';

afterEach(cleanup);

const returned: AuditTrailEvent = {
  id: 7, at: '2026-12-07T06:03:00.000Z', actorId: 3, actorName: 'zhangsan', action: 'progress_report.return', entityType: 'progress_report',
  entityId: '12', assignmentId: 5, before: { state: 'submitted' }, after: { state: 'returned', reason: '现场照片不清晰' },
  orgUnitId: 9, orgUnitName: '新抚区', actorDisplayName: '张三', actorUnitName: '抚顺市生态环境局',
  subject: { kind: 'assignment', id: 5, name: null, taskCode: '2', unitName: '新抚区' },
};

describe('audit events as sentences', () => {
  it('reads as a Chinese sentence with the reason, the task linked', () => {
    const i18n = makeI18n('zh');
    expect(auditSentenceText(i18n, returned)).toBe('张三（抚顺市生态环境局）退回了新抚区任务2的进展报送：现场照片不清晰');
    render(<MemoryRouter>{auditSentence(i18n, returned)}</MemoryRouter>);
    expect(screen.getByRole('link', { name: '新抚区任务2' }).getAttribute('href')).toBe('/tasks/5');
  });

  it('and in English', () => {
    expect(auditSentenceText(makeI18n('en'), returned)).toBe('张三 (抚顺市生态环境局) returned the progress report of task 2 of 新抚区: 现场照片不清晰');
  });

  it('names the system, rounds, settings, and falls back for an action it does not know', () => {
    const zh = makeI18n('zh');
    const base = { ...returned, actorId: null, actorName: 'system', actorDisplayName: null, actorUnitName: null, after: null, assignmentId: null };
    expect(auditSentenceText(zh, { ...base, action: 'round.open', entityType: 'reporting_round', subject: { kind: 'round', id: 4, name: '抚顺市2026年12月整改进展调度', taskCode: null, unitName: null } }))
      .toBe('系统发起了调度“抚顺市2026年12月整改进展调度”');
    expect(auditSentenceText(zh, { ...base, action: 'setting.update', entityType: 'setting', entityId: 'warning.yellowDays', subject: { kind: 'other', id: null, name: null, taskCode: null, unitName: null } }))
      .toBe('系统修改了设置项 warning.yellowDays');
    expect(auditSentenceText(zh, { ...base, action: 'reminder.sent', subject: { kind: 'case', id: 8, name: 'D3SX2025', taskCode: null, unitName: null } }))
      .toBe('系统执行了“reminder.sent”（信访件D3SX2025）');
  });

  it('writes the time as 2026年12月7日 14:03 in Chinese', () => {
    expect(makeI18n('zh').formatDateTime(returned.at)).toMatch(/^2026年12月7日 \d{2}:03$/);
  });
});

describe('the side menu', () => {
  const admin = () => true;
  const viewer = (p: string) => p === 'read';
  it('shows each role only what it may use', () => {
    expect(visibleNav(viewer).map((i) => i.path)).toEqual(['/workbench', '/dashboard', '/ledger', '/plans', '/rounds', '/cases', '/reports', '/']);
    expect(visibleNav(admin).find((i) => i.path === '/admin')?.children?.map((c) => c.path)).toHaveLength(5);
  });
  it('selects the section of a detail page and the tab of the administration', () => {
    const items = visibleNav(admin);
    expect(sectionOf(items, '/tasks/3')?.path).toBe('/ledger');
    expect(selectedKey(items, '/admin', '?tab=audit')).toBe('/admin?tab=audit');
    expect(selectedKey(items, '/admin', '')).toBe('/admin?tab=users');
    expect(selectedKey(items, '/rounds/4', '')).toBe('/rounds');
  });
});
