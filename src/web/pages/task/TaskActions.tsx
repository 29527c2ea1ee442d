/**
 * The actions the user's roles allow on this assignment: report progress, set deadline and person, split it to units
 * below, set or clear the status by hand.
 */
import { useState } from 'react';
import { App, Button, Popconfirm, Space } from 'antd';
import { EditOutlined, FormOutlined, ScheduleOutlined, UndoOutlined } from '@ant-design/icons';
import { api } from '../../api/client';
import type { AssignmentDetail } from '../../api/types';
import { useAuth } from '../../auth/auth';
import { useI18n } from '../../i18n/i18n';
import { errorMessage } from '../../components/ErrorAlert';
import { OverrideDialog } from './actions/OverrideDialog';
import { AssignmentFieldsDialog } from './actions/AssignmentFieldsDialog';
import { SplitBelowButton } from '../plans/SplitBelowButton';
import { managesPath } from '../plans/org-scope';

export function TaskActions({ detail, onReport, onChanged }: { detail: AssignmentDetail; onReport: () => void; onChanged: () => void }) {
  const { t } = useI18n();
  const { can, principal } = useAuth();
  const { message } = App.useApp();
  const [overriding, setOverriding] = useState(false);
  const [editing, setEditing] = useState(false);
  const a = detail.assignment;
  // A closed task needs no more progress, except a long-term one, which is followed up after closure.
  const mayReport = can('writeProgress') && (!a.isClosed || a.isLongTerm);
  const clear = () => api.delete(`/api/assignments/${a.id}/schedule-override?version=${a.version}`).then(onChanged, (e: unknown) => void message.error(errorMessage(e, t)));
  return (
    <Space wrap>
      {mayReport && <Button type="primary" icon={<FormOutlined />} onClick={onReport}>{t('progressForm.open')}</Button>}
      {can('writeLedger') && !a.isClosed && <Button icon={<ScheduleOutlined />} onClick={() => setEditing(true)}>{t('fields.title')}</Button>}
      {/* Loads the org tree only for administrators of this share's unit. */}
      {managesPath(principal, detail.org.path) && <SplitBelowButton detail={detail} onChanged={onChanged} />}
      {can('review') && !a.isClosed && <Button icon={<EditOutlined />} onClick={() => setOverriding(true)}>{t('override.title')}</Button>}
      {can('review') && !a.isClosed && a.overrideStatus && (
        <Popconfirm title={t('override.clearConfirm')} okText={t('override.clear')} cancelText={t('common.cancel')} onConfirm={clear}>
          <Button icon={<UndoOutlined />}>{t('override.clear')}</Button>
        </Popconfirm>
      )}
      {editing && <AssignmentFieldsDialog assignment={a} onDone={onChanged} onClose={() => setEditing(false)} />}
      {overriding && <OverrideDialog assignment={a} onDone={onChanged} onClose={() => setOverriding(false)} />}
    </Space>
  );
}
