/**
 * Chinese by default, English on request: the choice is remembered in localStorage and drives the dictionary, antd's
 * locale, dayjs's locale and how dates and numbers are written.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import 'dayjs/locale/en';
import { zh, type MessageKey, type Messages } from './zh';
import { en } from './en';

export type Locale = 'zh' | 'en';
export const LOCALES: readonly Locale[] = ['zh', 'en'];
export const DICTIONARIES: Record<Locale, Messages> = { zh, en };
const STORAGE_KEY = 'rectify.locale';
const TAGS: Record<Locale, string> = { zh: 'zh-CN', en: 'en-US' };
const DAYJS: Record<Locale, string> = { zh: 'zh-cn', en: 'en' };

export type Vars = Record<string, string | number>;

/** The message for `key` with `{name}` placeholders filled in. */
export function translate(locale: Locale, key: MessageKey, vars?: Vars): string {
  const text = DICTIONARIES[locale][key];
  return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : text;
}

function storedLocale(): Locale {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return v === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

const DATE_ONLY = /^\d{4}-\d{2}(-\d{2})?$/;

// Members are function-typed properties (not methods) so components may destructure them: const { t } = useI18n().
export interface I18n {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: (key: MessageKey, vars?: Vars) => string;
  /** True when the dictionary has the key (for codes from the API that may be new, such as audit actions). */
  has: (key: string) => key is MessageKey;
  /** A YYYY-MM-DD date (or YYYY-MM month) or an ISO timestamp's day, in the locale's form. */
  formatDate: (value: string | null | undefined) => string;
  /** An ISO timestamp with its local time. */
  formatDateTime: (value: string | null | undefined) => string;
  formatNumber: (value: number, options?: Intl.NumberFormatOptions) => string;
}

export function makeI18n(locale: Locale, setLocale: (l: Locale) => void = () => undefined): I18n {
  const tag = TAGS[locale];
  const day = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeZone: 'UTC' });
  const month = new Intl.DateTimeFormat(tag, { year: 'numeric', month: 'short', timeZone: 'UTC' });
  const stamp = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short' });
  const numbers = new Map<string, Intl.NumberFormat>();
  return {
    locale,
    setLocale,
    t: (key, vars) => translate(locale, key, vars),
    has: (key): key is MessageKey => Object.prototype.hasOwnProperty.call(DICTIONARIES[locale], key),
    formatDate: (value) => {
      if (!value) return '';
      if (DATE_ONLY.test(value)) {
        const d = new Date(value.length === 7 ? `${value}-01T00:00:00Z` : `${value}T00:00:00Z`);
        return Number.isNaN(d.getTime()) ? value : (value.length === 7 ? month : day).format(d);
      }
      const d = new Date(value);
      // Dates are days in China: show the local calendar day of a timestamp.
      return Number.isNaN(d.getTime()) ? value : new Intl.DateTimeFormat(tag, { dateStyle: 'medium' }).format(d);
    },
    formatDateTime: (value) => {
      if (!value) return '';
      const d = new Date(value);
      return Number.isNaN(d.getTime()) ? value : stamp.format(d);
    },
    formatNumber: (value, options) => {
      const key = JSON.stringify(options ?? {});
      let f = numbers.get(key);
      if (!f) numbers.set(key, (f = new Intl.NumberFormat(tag, options)));
      return f.format(value);
    },
  };
}

const I18nContext = createContext<I18n>(makeI18n('zh'));

export function I18nProvider({ children, initial }: { children: ReactNode; initial?: Locale }) {
  const [locale, setLocaleState] = useState<Locale>(() => {
    const l = initial ?? storedLocale();
    dayjs.locale(DAYJS[l]);
    return l;
  });
  const setLocale = useCallback((l: Locale) => {
    // Before the re-render, so date pickers render in the new language at once.
    dayjs.locale(DAYJS[l]);
    setLocaleState(l);
    try {
      localStorage.setItem(STORAGE_KEY, l);
    } catch {
      // Private mode: the choice lasts for this page only.
    }
  }, []);
  useEffect(() => {
    document.documentElement.lang = TAGS[locale];
    document.title = translate(locale, 'app.title');
  }, [locale]);
  const value = useMemo(() => makeI18n(locale, setLocale), [locale, setLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}
