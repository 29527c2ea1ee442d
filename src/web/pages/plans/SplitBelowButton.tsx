/**
 * On a share's own page: split it further to units below the share's unit, for administrators of that unit. Shown
 * only when the unit has units below it and the share is still open.
 */
import { useState } from 'react';
import { Button } from 'antd';
import { ApartmentOutlined } from '@ant-design/icons';
import type { AssignmentDetail } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { useOrgScope } from './org-scope';
import { SplitDialog } from './SplitDialog';

export function SplitBelowButton({ detail, onChanged }: { detail: AssignmentDetail; onChanged: () => void }) {
  const { t } = useI18n();
  const scope = useOrgScope();
  const [open, setOpen] = useState(false);
  const { assignment: a, org, task } = detail;
  const below = (scope.node(org.id)?.children.length ?? 0) > 0;
  if (!scope.manages(org.id) || !below || a.isClosed) return null;
  return (
    <>
      <Button icon={<ApartmentOutlined />} onClick={() => setOpen(true)}>{t('split.openBelow')}</Button>
      {open && <SplitDialog task={task} shares={detail.hierarchy} parent={a} scope={scope} onChanged={onChanged} onClose={() => setOpen(false)} />}
    </>
  );
}
