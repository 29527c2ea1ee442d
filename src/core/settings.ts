/**
 * Deployment settings that differ between provinces, each a JSON value under a key of the settings table, with its
 * schema and default. PERSISTED SHAPES: add fields with defaults; never rename one.
 */
import { z } from 'zod';
import { DEFAULT_SCHEDULE_RULES, DEFAULT_WARNING_SETTINGS } from './schedule.js';
import { DAY_KINDS } from './workdays.js';
import { ROUND_CYCLES } from './periods.js';
import { CaseSettingsSchema, DEFAULT_CASE_SETTINGS } from './case-settings.js';

export const ACCEPTANCE_LEVELS = ['county', 'city', 'province'] as const;
export type AcceptanceLevel = (typeof ACCEPTANCE_LEVELS)[number];

export const WarningSettingsSchema = z.object({
  /** Yellow when the deadline is this many days away (or fewer) and work is left. */
  yellowDueWithinDays: z.number().int().min(0).max(365),
  /** Red when behind schedule by more than this share of the work due (0.3 = 30%). */
  redBehindMargin: z.number().min(0).max(1),
});

export const ScheduleSettingsSchema = z.object({
  /** Long-term tasks are judged on this period's milestones (yearly targets by default). */
  longTermPeriod: z.enum(['quarterly', 'half', 'yearly']),
  /** A deadline on a weekend or holiday runs to the next working day. */
  deadlinesRollOverHolidays: z.boolean(),
});

export const ReportingSettingsSchema = z.object({
  /** Default cycle of reporting rounds. */
  cycle: z.enum(ROUND_CYCLES),
  /** Reports are due this many days after the period ends. */
  dueOffsetDays: z.number().int().min(0).max(60),
  dueDayKind: z.enum(DAY_KINDS),
  /** Reporters are reminded when the due date is this many days away (or fewer). */
  dueSoonDays: z.number().int().min(0).max(30),
});

export const ClosureSettingsSchema = z.object({
  /** Length of the public notice (公示). */
  noticeDays: z.number().int().min(1).max(60),
  noticeDayKind: z.enum(DAY_KINDS),
  /** Level that accepts (验收): the nearest unit of this level at or above the task's unit ("谁验收谁负责"). */
  acceptanceLevel: z.enum(ACCEPTANCE_LEVELS),
  /** Closed long-term tasks are followed up once per this period. */
  followUpCycle: z.enum(['monthly', 'quarterly', 'half', 'yearly']),
});

export const ReminderSettingsSchema = z.object({
  /** Remind the responsible unit this many days before a deadline (each threshold once). */
  daysBeforeDeadline: z.array(z.number().int().min(1).max(365)).max(5),
  /** Remind the responsible unit and its supervising level when a task becomes overdue. */
  notifyOverdue: z.boolean(),
  /** Sender address of reminder e-mails (SMTP delivery). */
  mailFrom: z.string().min(3).max(200),
});

export const SETTINGS = {
  warnings: { schema: WarningSettingsSchema, defaults: DEFAULT_WARNING_SETTINGS },
  schedule: { schema: ScheduleSettingsSchema, defaults: DEFAULT_SCHEDULE_RULES },
  reporting: { schema: ReportingSettingsSchema, defaults: { cycle: 'monthly', dueOffsetDays: 5, dueDayKind: 'working', dueSoonDays: 3 } },
  closure: { schema: ClosureSettingsSchema, defaults: { noticeDays: 5, noticeDayKind: 'working', acceptanceLevel: 'city', followUpCycle: 'quarterly' } },
  reminders: { schema: ReminderSettingsSchema, defaults: { daysBeforeDeadline: [7], notifyOverdue: true, mailFrom: 'rectify@localhost' } },
  cases: { schema: CaseSettingsSchema, defaults: DEFAULT_CASE_SETTINGS },
  /** The closure procedure of complaint cases (信访件销号): its own notice and acceptance level, set apart from tasks'. */
  caseClosure: { schema: ClosureSettingsSchema, defaults: { noticeDays: 5, noticeDayKind: 'working', acceptanceLevel: 'city', followUpCycle: 'quarterly' } },
} as const satisfies Record<string, { schema: z.ZodType; defaults: unknown }>;

export type SettingKey = keyof typeof SETTINGS;
export const SETTING_KEYS = Object.keys(SETTINGS) as [SettingKey, ...SettingKey[]];
export type SettingValue<K extends SettingKey> = z.infer<(typeof SETTINGS)[K]['schema']>;
export type ReportingSettings = SettingValue<'reporting'>;
export type ClosureSettings = SettingValue<'closure'>;
/** The settings keys a closure procedure may run under: each subject type names its own (tasks: closure). */
export type ClosureSettingsKey = 'closure' | 'caseClosure';
export type ReminderSettings = SettingValue<'reminders'>;

/** The stored value over the defaults; a stored value that no longer parses yields the defaults for its fields. */
export function resolveSetting<K extends SettingKey>(key: K, stored: unknown): SettingValue<K> {
  const { schema, defaults } = SETTINGS[key];
  const merged = { ...defaults, ...(typeof stored === 'object' && stored !== null ? stored : {}) };
  const parsed = schema.safeParse(merged);
  return (parsed.success ? parsed.data : defaults) as SettingValue<K>;
}
