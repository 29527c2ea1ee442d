/** 人工认定: a reviewer sets the schedule status by hand with a reason (the computed one is kept), or clears it. */
import { useState } from 'react';
import { Form, Select } from 'antd';
import { SCHEDULE_STATUSES, type ScheduleStatus } from '../../../../core/schedule';
import { api } from '../../../api/client';
import type { Assignment } from '../../../api/types';
import { useI18n } from '../../../i18n/i18n';
import { scheduleLabel } from '../../../components/labels';
import { TextDialog } from '../../../components/TextDialog';

/** Closure is a procedure of its own and "undetermined" is no judgement: neither can be set by hand. */
const CHOICES = SCHEDULE_STATUSES.filter((s) => s !== 'closed' && s !== 'unknown');

export function OverrideDialog({ assignment, onDone, onClose }: { assignment: Assignment; onDone: () => void; onClose: () => void }) {
  const { t } = useI18n();
  const [status, setStatus] = useState<ScheduleStatus>(assignment.overrideStatus ?? assignment.scheduleStatus ?? 'on_schedule');
  return (
    <TextDialog
      title={t('override.title')}
      label={t('override.reason')}
      okText={t('override.submit')}
      required
      onSubmit={async (reason) => {
        await api.put(`/api/assignments/${assignment.id}/schedule-override`, { status, reason, version: assignment.version });
        onDone();
      }}
      onClose={onClose}
    >
      <Form layout="vertical">
        <Form.Item label={t('override.status')} htmlFor="override-status">
          <Select<ScheduleStatus> id="override-status" value={status} onChange={setStatus} options={CHOICES.map((s) => ({ value: s, label: scheduleLabel(t, s) }))} />
        </Form.Item>
      </Form>
    </TextDialog>
  );
}
