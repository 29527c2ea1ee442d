/** Deployment settings: warning thresholds, schedule rules, reporting cycle, closure procedure, reminders; the working-day calendar. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../services/context.js';
import { SETTING_KEYS } from '../../core/settings.js';
import { getSettingView, updateSetting } from '../../services/settings.js';
import { CalendarDaysSchema, getCalendarYearView, importCalendarYear, setCalendarYear, YearSchema } from '../../services/calendar.js';
import { accessOf } from '../access.js';
import { COMMON_ERRORS, WRITE_ERRORS } from '../schemas.js';

const KeyParams = z.object({ key: z.enum(SETTING_KEYS) });
const SettingResponse = z.object({ key: z.string(), value: z.unknown(), defaults: z.unknown(), updatedAt: z.string().nullable() });

export const settingsRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  app.get('/api/settings/:key', {
    schema: {
      tags: ['settings'], summary: 'A setting in force, with its defaults (administrators). Keys: warnings, schedule, reporting, closure, reminders',
      params: KeyParams, response: { 200: SettingResponse, ...COMMON_ERRORS },
    },
  }, async (request) => getSettingView(ctx, accessOf(request, 'writeLedger'), request.params.key));

  app.put('/api/settings/:key', {
    schema: {
      tags: ['settings'], summary: 'Replace a setting (administrators of a whole tree), at the updatedAt last read (409 when stale)',
      params: KeyParams, body: z.object({ value: z.unknown(), updatedAt: z.string().nullable() }), response: { 200: SettingResponse, ...WRITE_ERRORS },
    },
  }, async (request) => updateSetting(ctx, accessOf(request, 'writeLedger'), request.params.key, request.body.value, request.body.updatedAt));

  const CalendarYearResponse = z.object({
    year: z.number(), source: z.enum(['entered', 'library', 'unknown']), enteredAt: z.string().nullable(),
    days: z.array(z.object({ date: z.string(), kind: z.enum(['holiday', 'workday']), name: z.string().nullable() })),
  });
  app.get('/api/calendar', {
    schema: {
      tags: ['settings'], summary: 'A year of the working-day calendar: entered by an administrator, known to the library, or unknown (working-day periods into it are refused)',
      querystring: z.object({ year: YearSchema }), response: { 200: CalendarYearResponse, ...COMMON_ERRORS },
    },
  }, async (request) => getCalendarYearView(ctx, accessOf(request, 'writeLedger'), request.query.year));
  app.put('/api/calendar', {
    schema: {
      tags: ['settings'], summary: 'Enter a year\'s official holidays and adjusted working days (调休), replacing it (administrators of a whole tree)',
      body: z.object({ year: YearSchema, days: CalendarDaysSchema }), response: { 200: CalendarYearResponse, ...WRITE_ERRORS },
    },
  }, async (request) => setCalendarYear(ctx, accessOf(request, 'writeLedger'), request.body.year, request.body.days));
  app.post('/api/calendar/import', {
    schema: {
      tags: ['settings'], summary: 'Enter a year from a pasted table ("2027-01-01 元旦 休", "2027-02-06至2027-02-12 春节 休", "2027-02-14 春节 班"); all or nothing',
      body: z.object({ year: YearSchema, text: z.string().min(1).max(20_000) }), response: { 200: CalendarYearResponse, ...WRITE_ERRORS },
    },
  }, async (request) => importCalendarYear(ctx, accessOf(request, 'writeLedger'), request.body.year, request.body.text));
};
