import { Tooltip } from 'antd';
import type { WarningColor } from '../../core/schedule';
import { useI18n } from '../i18n/i18n';
import { warningLabel } from './labels';

/** 红黄绿灯: a dot with its word (colour is never the only signal), the reason on hover. */
export function WarningBadge({ color, reason }: { color: WarningColor | null | undefined; reason?: string | null }) {
  const { t } = useI18n();
  const label = warningLabel(t, color);
  const badge = (
    <span style={{ whiteSpace: 'nowrap' }}>
      <span className={`warning-dot warning-${color ?? 'unknown'}`} aria-hidden />
      {label}
    </span>
  );
  return reason ? <Tooltip title={reason}>{badge}</Tooltip> : badge;
}
