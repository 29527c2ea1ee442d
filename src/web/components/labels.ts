/** Codes from the API (statuses, warnings, roles) written out in the current language. */
import type { I18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/zh';
import { SCHEDULE_STATUSES, type ScheduleStatus, type WarningColor } from '../../core/schedule';
import { STATUS_CODES, type StatusCode } from '../../core/status';
import { ROLES, type Role } from '../../core/roles';
import { CASE_STATES } from '../../core/case-state';
import { CASE_SOURCES, LISTING_LEVELS, LISTING_REASONS, PENALTY_KINDS, REVISIT_METHODS, SATISFACTION_VALUES, VERIFIED_VALUES } from '../../core/case';

type T = I18n['t'];

export function scheduleLabel(t: T, status: string | null | undefined): string {
  const s = (SCHEDULE_STATUSES as readonly string[]).includes(status ?? '') ? (status as ScheduleStatus) : 'unknown';
  return t(`schedule.${s}` as MessageKey);
}

export function statusLabel(t: T, code: string | null | undefined): string {
  return (STATUS_CODES as readonly string[]).includes(code ?? '') ? t(`status.${code as StatusCode}` as MessageKey) : t('status.unknown');
}

export function warningLabel(t: T, color: string | null | undefined): string {
  return color === 'red' || color === 'yellow' || color === 'green' ? t(`warning.${color satisfies WarningColor}`) : t('warning.unknown');
}

export function roleLabel(t: T, role: string): string {
  return (ROLES as readonly string[]).includes(role) ? t(`role.${role as Role}` as MessageKey) : role;
}

/** A closed vocabulary of the API (case states, findings…) in words; an unknown code is shown as it came. */
function vocabulary(t: T, prefix: string, allowed: readonly string[], code: string | null | undefined): string {
  if (!code) return '';
  return allowed.includes(code) ? t(`${prefix}.${code}` as MessageKey) : code;
}

export const caseStateLabel = (t: T, s: string | null | undefined) => vocabulary(t, 'case.state', CASE_STATES, s);
export const verifiedLabel = (t: T, v: string | null | undefined) => vocabulary(t, 'case.verified', VERIFIED_VALUES, v);
export const penaltyLabel = (t: T, k: string | null | undefined) => vocabulary(t, 'case.penalty', PENALTY_KINDS, k);
export const sourceLabel = (t: T, k: string | null | undefined) => vocabulary(t, 'case.source', CASE_SOURCES, k);
export const listingLevelLabel = (t: T, l: string | null | undefined) => vocabulary(t, 'listing.level', LISTING_LEVELS, l);
export const listingReasonLabel = (t: T, r: string | null | undefined) => vocabulary(t, 'listing.reason', LISTING_REASONS, r);
export const revisitMethodLabel = (t: T, m: string | null | undefined) => vocabulary(t, 'revisit.method', REVISIT_METHODS, m);
export const satisfactionLabel = (t: T, s: string | null | undefined) => vocabulary(t, 'revisit.satisfaction', SATISFACTION_VALUES, s);
