/**
 * What the authoring dialogs share: turning form values into the API's fields (trimmed text, empty = null,
 * YYYY-MM-DD days), putting the API's field errors back on the form, and showing a lost race (409 VERSION_CONFLICT,
 * whose details carry the record as it is now) with the current values and a way to load them.
 */
import type { ReactNode } from 'react';
import { Alert, Button } from 'antd';
import dayjs from 'dayjs';
import { ApiError } from '../../api/client';
import { useI18n } from '../../i18n/i18n';

/** Trimmed text, or null when nothing is left. */
export const clean = (s: string | null | undefined): string | null => {
  const v = s?.trim();
  return v ? v : null;
};
export const toDay = (d: dayjs.Dayjs | null | undefined): string | null => (d ? d.format('YYYY-MM-DD') : null);
export const fromDay = (s: string | null | undefined): dayjs.Dayjs | null => (s ? dayjs(s) : null);

/** The record as the API holds it now, when the save was made at an older version; null for any other failure. */
export function conflictCurrent<T>(error: unknown): T | null {
  if (!(error instanceof ApiError) || error.code !== 'VERSION_CONFLICT') return null;
  const current = (error.details as { current?: unknown } | null | undefined)?.current;
  return current && typeof current === 'object' ? (current as T) : null;
}

/**
 * The API's complaints about single fields (`[{ field: 'body.name' | 'name', message? }]`), for the form fields that
 * exist; a complaint without its own message (e.g. "already exists") takes the error's message.
 */
export function apiFieldErrors<F extends string>(error: unknown, fields: readonly F[]): { name: F; errors: string[] }[] {
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return [];
  const out = new Map<F, string[]>();
  for (const d of error.details as { field?: unknown; message?: unknown }[]) {
    if (typeof d?.field !== 'string') continue;
    const name = d.field.replace(/^body\./, '').split('.')[0]! as F;
    if (!fields.includes(name)) continue;
    const text = error.code === 'VALIDATION_FAILED' && typeof d.message === 'string' && d.message ? d.message : error.message;
    out.set(name, [...(out.get(name) ?? []), text]);
  }
  return [...out].map(([name, errors]) => ({ name, errors }));
}

export interface FieldView<T> { key: keyof T & string; label: string; show: (record: T) => string }

/** Fields whose shown value differs between two versions of a record. */
export function changedFields<T>(fields: FieldView<T>[], before: T, now: T): { key: string; label: string; value: string }[] {
  return fields.filter((f) => f.show(before) !== f.show(now)).map((f) => ({ key: f.key, label: f.label, value: f.show(now) }));
}

/** "Someone changed this": what is different now, and a button that loads the current values into the form. */
export function ConflictAlert({ changes, onReload }: { changes: { key: string; label: string; value: string }[]; onReload: () => void }) {
  const { t } = useI18n();
  let description: ReactNode = t('conflict.sameFields');
  if (changes.length) {
    description = (
      <>
        <div>{t('conflict.current')}</div>
        <dl className="conflict-list" style={{ margin: '4px 0 0' }}>
          {changes.map((c) => (
            <div key={c.key} style={{ display: 'flex', gap: 8 }}>
              <dt style={{ fontWeight: 600, whiteSpace: 'nowrap' }}>{c.label}</dt>
              <dd className="prewrap" style={{ margin: 0 }}>{c.value || '—'}</dd>
            </div>
          ))}
        </dl>
      </>
    );
  }
  return (
    <Alert type="warning" showIcon role="alert" data-testid="conflict" style={{ marginBottom: 16 }}
      title={t('conflict.title')} description={description}
      action={<Button size="small" type="primary" onClick={onReload}>{t('conflict.reload')}</Button>} />
  );
}
