/**
 * The acceptance chain of an inspection or a plan (issue #17, docs/regime.md): the levels that accept in turn, e.g.
 * 县级验收 → 市级验收 → 省级审核, or none — the system setting decides. The API takes an ordered list of distinct
 * levels (`acceptanceChain`, at most three) or null.
 */
import { Button, Select, Typography } from 'antd';
import type { AcceptanceLevel } from '../../core/settings';
import { useI18n } from '../i18n/i18n';

/** The levels in the order the regime goes up (ACCEPTANCE_LEVELS of src/core/settings.ts). */
export const ACCEPTANCE_LEVELS = ['county', 'city', 'province'] as const satisfies readonly AcceptanceLevel[];
export type Chain = AcceptanceLevel[] | null;

/** The form's list as the API takes it: empty = null (the setting). */
export const chainOf = (levels: readonly AcceptanceLevel[] | null | undefined): Chain => (levels?.length ? [...levels] : null);
/** Whether two chains differ (order counts; null and empty are the same). */
export const chainChanged = (a: Chain | undefined, b: Chain | undefined): boolean => (a ?? []).join() !== (b ?? []).join();

/** "县级验收 → 市级验收 → 省级审核", or "按系统设置" for none. */
export function useChainText() {
  const { t } = useI18n();
  return (chain: Chain | undefined): string => (chain?.length ? chain.map((l) => t(`chain.level.${l}`)).join(' → ') : t('chain.bySetting'));
}

/**
 * A plan's chain as it applies: its own, else its inspection's (said so), else the setting — the API's order of
 * precedence (docs/regime.md).
 */
export function usePlanChainText() {
  const { t } = useI18n();
  const text = useChainText();
  return (plan: Chain | undefined, inspection: Chain | undefined): string =>
    (!plan?.length && inspection?.length ? t('chain.fromInspection', { chain: text(inspection) }) : text(plan));
}

/**
 * The form control (inside a Form.Item, which passes value and onChange): the levels chosen in order — antd keeps a
 * multiple Select's value in the order of choosing — with the resulting chain spelled out, and a way back to the setting.
 */
export function ChainInput({ value, onChange, id }: { value?: AcceptanceLevel[]; onChange?: (v: AcceptanceLevel[]) => void; id?: string }) {
  const { t } = useI18n();
  const text = useChainText();
  const chosen = value ?? [];
  return (
    <>
      <Select<AcceptanceLevel[]> id={id} mode="multiple" allowClear placeholder={t('chain.placeholder')} value={chosen} style={{ width: '100%' }}
        onChange={(v) => onChange?.(v)} options={ACCEPTANCE_LEVELS.map((l) => ({ value: l, label: t(`chain.level.${l}`) }))} />
      <div style={{ marginTop: 4, display: 'flex', alignItems: 'center', gap: 8, flexWrap: 'wrap' }}>
        <Typography.Text type="secondary" data-testid="chain-preview">
          {chosen.length ? t('chain.preview', { chain: text(chosen) }) : `${t('chain.useSetting')}`}
        </Typography.Text>
        {chosen.length > 0 && <Button type="link" size="small" style={{ padding: 0 }} onClick={() => onChange?.([])}>{t('chain.useSetting')}</Button>}
      </div>
    </>
  );
}
