/**
 * Every audit action the server writes (grep appendAuditEvent in src/services), in the order the filter lists them.
 * test/http/audit-log.test.ts checks this list against the source, and the dictionaries have a sentence for each.
 */
export const AUDIT_ACTIONS = [
  'session.sign_in', 'user.create', 'user.set_password', 'user.change_password',
  'user.memberships', 'user.enable', 'user.disable', 'user.reset_password',
  'user.set_email', 'user.revoke_sessions', 'password_reset.request', 'password_reset.confirm',
  'api_token.create', 'api_token.revoke', 'setting.update', 'calendar.set',
  'calendar.import', 'org_unit.create', 'org_unit.update', 'unit_alias.save',
  'inspection.create', 'inspection.update', 'plan.create', 'plan.update',
  'plan.link', 'plan.import', 'task.create', 'task.update',
  'assignment.create', 'assignment.update', 'assignment.import', 'assignment.status_from_report',
  'assignment.edit_from_sheet', 'assignment.return_to_rectification', 'assignment.close', 'assignment.reopen',
  'measure.create', 'measure.update', 'measure.delete', 'milestone.create',
  'milestone.update', 'milestone.delete', 'indicator.create', 'indicator.update',
  'indicator.delete', 'schedule.override', 'schedule.override_clear', 'document.link',
  'document.unlink', 'evidence.upload', 'evidence.replace', 'evidence.withdraw',
  'progress_report.submit', 'progress_report.resubmit', 'progress_report.accept', 'progress_report.return',
  'round.open', 'round.close', 'round.urge', 'round_sheet.return', 'ledger_sheet.import',
  'report.import', 'report.publish', 'closure.apply', 'closure.accept',
  'closure.reject', 'closure.sendBack', 'closure.startNotice', 'closure.recordObjection',
  'closure.answerObjection', 'closure.close', 'closure.file', 'closure.reopen',
  'closure.sample', 'case.create', 'case.update', 'case.handling',
  'case.stage_done', 'case.done', 'case.close', 'case.return',
  'case.reopen', 'case.penalty_add', 'case.penalty_remove', 'case.view_complainant',
  'case_batch.create', 'case_batch.import', 'case_batch.publish', 'case_batch.republish',
  'listing.create', 'listing.delist', 'leader_charge.create', 'leader_charge.action', 'accountability.create', 'revisit.draw',
  'revisit.top_up', 'revisit.record', 'audit.chain_format',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
