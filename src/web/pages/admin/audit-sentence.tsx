/**
 * An audit event as a sentence in the reader's language — “张三（抚顺市生态环境局）退回了新抚区任务2的进展报送：现场照片
 * 不清晰” — from the action code and the names the server sends; the subject is a link to its page where it has one.
 */
import { Fragment, type ReactNode } from 'react';
import { Link } from 'react-router';
import type { I18n } from '../../i18n/i18n';
import type { AuditSubject } from '../../../core/audit-subject';

export interface AuditTrailEvent {
  id: number; at: string; actorId: number | null; actorName: string; action: string; entityType: string; entityId: string;
  assignmentId: number | null; before: unknown; after: unknown;
  orgUnitId: number | null; orgUnitName: string | null; actorDisplayName: string | null; actorUnitName: string | null;
  subject: AuditSubject;
}

/** Fills `{name}` placeholders of a template with nodes (links), keeping the template's own words and order. */
export function fill(template: string, parts: Record<string, ReactNode>): ReactNode[] {
  return template.split(/(\{\w+\})/).filter((s) => s !== '').map((piece, i) => {
    const m = /^\{(\w+)\}$/.exec(piece);
    return <Fragment key={i}>{m && m[1]! in parts ? parts[m[1]!] : piece}</Fragment>;
  });
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
const field = (o: unknown, key: string): unknown => (o && typeof o === 'object' ? (o as Record<string, unknown>)[key] : undefined);

/** The subject's words and, where it has a page, the address of the page. */
export function subjectOf(t: I18n['t'], e: AuditTrailEvent): { words: string; to?: string } {
  const s = e.subject;
  const name = s.name ?? '';
  switch (s.kind) {
    case 'assignment': return { words: t('auditLog.subject.assignment', { unit: s.unitName ?? '', code: s.taskCode ?? '' }), to: `/tasks/${s.id}` };
    case 'task': return { words: t('auditLog.subject.task', { code: s.taskCode ?? '', name }), to: s.id ? `/plans/${s.id}` : undefined };
    case 'case': return { words: t('auditLog.subject.case', { name: name || String(s.id) }), to: `/cases/${s.id}` };
    case 'round': return { words: t('auditLog.subject.round', { name }), to: `/rounds/${s.id}` };
    case 'plan': return { words: t('auditLog.subject.plan', { name }), to: `/plans/${s.id}` };
    case 'inspection': return { words: t('auditLog.subject.inspection', { name }), to: '/plans' };
    case 'published_report': return { words: t('auditLog.subject.published_report', { name }), to: `/public/${s.id}` };
    case 'user': return { words: t('auditLog.subject.user', { name }) };
    case 'org_unit': return { words: t('auditLog.subject.org_unit', { name }) };
    case 'case_batch': return { words: t('auditLog.subject.case_batch', { name }) };
    case 'other': break;
  }
  // Records without a page of their own: named from the event where it can be.
  const after = e.after;
  if (e.entityType === 'setting') return { words: t('auditLog.subject.setting', { name: e.entityId }) };
  if (e.entityType === 'calendar') return { words: t('auditLog.subject.calendar', { name: e.entityId }) };
  const file = text(field(after, 'fileName')) ?? text(field(after, 'originalName'));
  if (file) return { words: t('auditLog.subject.file', { name: file }) };
  const named = text(field(after, 'name')) ?? text(field(after, 'title'));
  if (named) return { words: t('auditLog.subject.named', { name: named }) };
  return { words: s.kind === 'other' && /^\d+$/.test(e.entityId) ? t('auditLog.subject.record', { id: e.entityId }) : t('auditLog.subject.gone') };
}

/** The reason, opinion or note a person gave with the action, when there is one. */
export function detailOf(e: AuditTrailEvent): string | undefined {
  return text(field(e.after, 'reason')) ?? text(field(e.after, 'comment')) ?? text(field(e.after, 'note'));
}

export function actorWords(t: I18n['t'], e: AuditTrailEvent): string {
  if (e.actorId === null && e.actorName === 'system') return t('history.system');
  const name = e.actorDisplayName ?? e.actorName;
  return e.actorUnitName ? t('auditLog.actorWithUnit', { name, unit: e.actorUnitName }) : name;
}

export function actionLabel(i18n: Pick<I18n, 't' | 'has'>, action: string): string {
  const key = `audit.${action}`;
  return i18n.has(key) ? i18n.t(key) : action;
}

/** The whole sentence; `onActor` makes the actor a link that narrows the log to that person. */
export function auditSentence(i18n: Pick<I18n, 't' | 'has'>, e: AuditTrailEvent, onActor?: (id: number) => void): ReactNode {
  const { t, has } = i18n;
  const key = `auditLog.s.${e.action}`;
  const template = has(key) ? t(key) : t('auditLog.s.unknown');
  const subject = subjectOf(t, e);
  const actor = actorWords(t, e);
  const detail = detailOf(e);
  return (
    <>
      {fill(template, {
        actor: onActor && e.actorId !== null
          ? <a role="button" tabIndex={0} onClick={() => onActor(e.actorId!)} onKeyDown={(k) => { if (k.key === 'Enter') onActor(e.actorId!); }} title={t('auditLog.byPerson')}>{actor}</a>
          : actor,
        subject: subject.to ? <Link to={subject.to}>{subject.words}</Link> : subject.words,
        action: actionLabel(i18n, e.action),
      })}
      {detail && t('auditLog.detail', { text: detail })}
    </>
  );
}

/** The same sentence as plain text (for tests and the screen reader's label). */
export function auditSentenceText(i18n: Pick<I18n, 't' | 'has'>, e: AuditTrailEvent): string {
  const { t, has } = i18n;
  const key = `auditLog.s.${e.action}`;
  const template = has(key) ? t(key) : t('auditLog.s.unknown');
  const detail = detailOf(e);
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name === 'actor' ? actorWords(t, e) : name === 'subject' ? subjectOf(t, e).words : name === 'action' ? actionLabel(i18n, e.action) : m))
    + (detail ? t('auditLog.detail', { text: detail }) : '');
}
