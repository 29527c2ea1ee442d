/**
 * How each deployment setting (GET/PUT /api/settings/:key) is edited: one descriptor per field, mirroring the zod
 * schemas in src/core/settings.ts. Labels come from the dictionaries (settings.<key>.<field>).
 */
export type SettingField =
  | { name: string; kind: 'int'; min: number; max: number }
  | { name: string; kind: 'share'; min: number; max: number }
  | { name: string; kind: 'bool' }
  | { name: string; kind: 'enum'; options: readonly string[] }
  | { name: string; kind: 'intList'; min: number; max: number }
  | { name: string; kind: 'text' };

const DAY_KINDS = ['working', 'calendar'] as const;

export const SETTING_FIELDS = {
  warnings: [
    { name: 'yellowDueWithinDays', kind: 'int', min: 0, max: 365 },
    { name: 'redBehindMargin', kind: 'share', min: 0, max: 1 },
  ],
  schedule: [
    { name: 'longTermPeriod', kind: 'enum', options: ['quarterly', 'half', 'yearly'] },
    { name: 'deadlinesRollOverHolidays', kind: 'bool' },
  ],
  reporting: [
    { name: 'cycle', kind: 'enum', options: ['weekly', 'monthly', 'quarterly'] },
    { name: 'dueOffsetDays', kind: 'int', min: 0, max: 60 },
    { name: 'dueDayKind', kind: 'enum', options: DAY_KINDS },
    { name: 'dueSoonDays', kind: 'int', min: 0, max: 30 },
  ],
  closure: [
    { name: 'noticeDays', kind: 'int', min: 1, max: 60 },
    { name: 'noticeDayKind', kind: 'enum', options: DAY_KINDS },
    { name: 'acceptanceLevel', kind: 'enum', options: ['county', 'city', 'province'] },
    { name: 'followUpCycle', kind: 'enum', options: ['monthly', 'quarterly', 'half', 'yearly'] },
  ],
  reminders: [
    { name: 'daysBeforeDeadline', kind: 'intList', min: 1, max: 365 },
    { name: 'notifyOverdue', kind: 'bool' },
    { name: 'mailFrom', kind: 'text' },
  ],
  cases: [
    { name: 'handlingDays', kind: 'int', min: 1, max: 180 },
    { name: 'handlingDayKind', kind: 'enum', options: DAY_KINDS },
    { name: 'repeatThreshold', kind: 'share', min: 0.2, max: 1 },
    { name: 'repeatCandidatesPerUnit', kind: 'int', min: 10, max: 5000 },
    { name: 'revisitShare', kind: 'share', min: 0.01, max: 1 },
  ],
} as const satisfies Record<string, readonly SettingField[]>;

export type SettingKey = keyof typeof SETTING_FIELDS;
export const SETTING_KEYS = Object.keys(SETTING_FIELDS) as SettingKey[];
