import { Tooltip } from 'antd';
import type { WarningColor } from '../../core/schedule';
import { useI18n } from '../i18n/i18n';
import { warningLabel } from './labels';
import type { Reason } from '../../core/reason-text';
import { warningReasonText } from './reasonText';

/** 红黄绿灯: a dot with its word (colour is never the only signal), the reason on hover (its codes worded when given). */
export function WarningBadge({ color, reason: text, code }: { color: WarningColor | null | undefined; reason?: string | null; code?: Reason | null }) {
  const i18n = useI18n();
  const { t } = i18n;
  const reason = warningReasonText(i18n, { warningReason: text, warningReasonCode: code });
  const label = warningLabel(t, color);
  const badge = (
    <span style={{ whiteSpace: 'nowrap' }}>
      <span className={`warning-dot warning-${color ?? 'unknown'}`} aria-hidden />
      {label}
    </span>
  );
  return reason ? <Tooltip title={reason}>{badge}</Tooltip> : badge;
}
