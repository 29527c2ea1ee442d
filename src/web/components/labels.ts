/** Codes from the API (statuses, warnings, roles) written out in the current language. */
import type { I18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/zh';
import { SCHEDULE_STATUSES, type ScheduleStatus, type WarningColor } from '../../core/schedule';
import { STATUS_CODES, type StatusCode } from '../../core/status';
import { ROLES, type Role } from '../../core/roles';

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
