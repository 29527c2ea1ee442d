import { Tag } from 'antd';
import type { ScheduleStatus } from '../../core/schedule';
import { useI18n } from '../i18n/i18n';
import { scheduleLabel } from './labels';

export const SCHEDULE_COLORS: Record<ScheduleStatus, string> = {
  closed: 'purple', completed: 'success', overdue: 'error', behind_schedule: 'warning', on_schedule: 'processing',
  ahead_of_schedule: 'cyan', in_progress: 'blue', not_started: 'default', unknown: 'default',
};

/** A schedule status (序时进度) as a coloured tag. */
export function StatusTag({ status }: { status: ScheduleStatus | null | undefined }) {
  const { t } = useI18n();
  return <Tag color={SCHEDULE_COLORS[status ?? 'unknown']}>{scheduleLabel(t, status)}</Tag>;
}
