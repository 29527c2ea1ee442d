/**
 * What the forms and dialogs share: turning form values into the API's fields (trimmed text, empty = null,
 * YYYY-MM-DD days), a submit's busy and error state, the rules they check alike, putting the API's field errors back on the form, and showing a lost
 * race (409 VERSION_CONFLICT, whose details carry the record as it is now) with the current values and a way to load
 * them — all of a save at the version read is `useVersionedSave`.
 */
import { useState, type ReactNode } from 'react';
import { Alert, Button, type FormInstance } from 'antd';
import dayjs from 'dayjs';
import { api, ApiError } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { chinaDate } from '../../core/calendar-date';
import { ErrorAlert } from './ErrorAlert';

/** Trimmed text, or null when nothing is left. */
export const clean = (s: string | null | undefined): string | null => {
  const v = s?.trim();
  return v ? v : null;
};
export const toDay = (d: dayjs.Dayjs | null | undefined): string | null => (d ? d.format('YYYY-MM-DD') : null);
export const fromDay = (s: string | null | undefined): dayjs.Dayjs | null => (s ? dayjs(s) : null);
/** Today as the offices count it (China Standard Time), whatever the browser's zone: a picker's default. */
export const chinaToday = (): dayjs.Dayjs => dayjs(chinaDate());
/** For a picker of past dates: days after today in China are disabled (the server refuses them by the same day). */
export const afterChinaToday = (d: dayjs.Dayjs): boolean => d.format('YYYY-MM-DD') > chinaDate();

/** One submit of a form or dialog: busy while sending, the API's error kept to show, `onDone` on success. */
export function useSubmit(onDone: () => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = (job: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    job().then(() => { setBusy(false); onDone(); }, (e: unknown) => { setError(e); setBusy(false); });
  };
  return { busy, error, run };
}

/** A text field's rule: between `min` and `max` characters once trimmed. */
export const trimmedLength = (min: number, max: number, message: string) => ({
  validator: (_: unknown, value: string | undefined) => {
    const n = (value ?? '').trim().length;
    return n >= min && n <= max ? Promise.resolve() : Promise.reject(new Error(message));
  },
});

/**
 * A date field's rule: not before the date in `field` (the day counts, not the time; either may be empty). The field
 * goes in the Form.Item's `dependencies` too, so that changing it checks this one again.
 */
export const notBefore = (field: string, message: string) => ({ getFieldValue }: { getFieldValue: (name: string) => unknown }) => ({
  validator: (_: unknown, date: dayjs.Dayjs | null | undefined) => {
    const from = getFieldValue(field) as dayjs.Dayjs | null | undefined;
    return !date || !from || !date.isBefore(from, 'day') ? Promise.resolve() : Promise.reject(new Error(message));
  },
});

/** The record as the API holds it now, when the save was made at an older version; null for any other failure. */
function conflictCurrent<T>(error: unknown): T | null {
  if (!(error instanceof ApiError) || error.code !== 'VERSION_CONFLICT') return null;
  const current = (error.details as { current?: unknown } | null | undefined)?.current;
  return current && typeof current === 'object' ? (current as T) : null;
}

/**
 * The API's complaints about single fields (`[{ field: 'body.name' | 'name', message? }]`), for the form fields that
 * exist; a complaint without its own message (e.g. "already exists") takes the error's message.
 */
function apiFieldErrors<F extends string>(error: unknown, fields: readonly F[]): { name: F; errors: string[] }[] {
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
function changedFields<T>(fields: FieldView<T>[], before: T, now: T): { key: string; label: string; value: string }[] {
  return fields.filter((f) => f.show(before) !== f.show(now)).map((f) => ({ key: f.key, label: f.label, value: f.show(now) }));
}

/** "Someone changed this": what is different now, and a button that loads the current values into the form. */
function ConflictAlert({ changes, onReload }: { changes: { key: string; label: string; value: string }[]; onReload: () => void }) {
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

interface Versioned { id: number; version: number }

interface VersionedSaveOptions<T extends Versioned, V> {
  form: FormInstance<V>;
  /** The record being edited, at the version read; absent for a new one. */
  record: T | undefined;
  /** POST address of a new record. */
  createUrl: string;
  /** PATCH address of an existing one. */
  updateUrl: (record: T) => string;
  /** The fields both send; PATCH adds the version. */
  body: (v: V) => object;
  /** What only POST sends, before `body`. */
  createOnly?: (v: V) => object;
  /** What PATCH sends only when it differs from the record at the version read (each field decides), after `body`. */
  patchChanged?: (v: V, record: T) => object;
  /** The form fields the API's field errors may name. */
  fields: readonly (keyof V & string)[];
  /** The form values of a record, for loading the current one after a lost race. */
  valuesOf: (record: T) => Partial<V>;
  /** How the fields shown in a conflict read. */
  views: FieldView<T>[];
  onSaved: (saved: T) => void;
}

/**
 * A dialog's save at the version read: POST a new record or PATCH the one read (with its version), busy meanwhile.
 * A lost race shows what is different now and loads it on demand (the next save is at the new version); any other
 * failure shows the API's message, and its complaints about single fields on those fields. `alerts` goes above the form.
 */
export function useVersionedSave<T extends Versioned, V>(o: VersionedSaveOptions<T, V>) {
  const [base, setBase] = useState(o.record);
  const [conflict, setConflict] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const save = (v: V) => {
    setBusy(true);
    setError(null);
    setConflict(null);
    const body = o.body(v);
    const request = base ? api.patch<T>(o.updateUrl(base), { ...body, ...o.patchChanged?.(v, base), version: base.version }) : api.post<T>(o.createUrl, { ...o.createOnly?.(v), ...body });
    request.then((saved) => { setBusy(false); o.onSaved(saved); }, (e: unknown) => {
      setBusy(false);
      const current = conflictCurrent<T>(e);
      if (current) setConflict(current);
      else {
        setError(e);
        // antd types a field's name against the values' shape, which a generic V does not resolve.
        o.form.setFields(apiFieldErrors(e, o.fields) as Parameters<FormInstance<V>['setFields']>[0]);
      }
    });
  };
  const reloadCurrent = () => {
    if (!conflict) return;
    setBase(conflict);
    o.form.setFieldsValue(o.valuesOf(conflict));
    setConflict(null);
  };
  const alerts = (
    <>
      {conflict && base && <ConflictAlert changes={changedFields(o.views, base, conflict)} onReload={reloadCurrent} />}
      {error !== null && <ErrorAlert error={error} />}
    </>
  );
  return { busy, save, alerts };
}
