/** Deployment settings: warning thresholds, schedule rules, reporting cycle, closure procedure, reminders. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../services/context.js';
import { SETTING_KEYS } from '../../core/settings.js';
import { getSettingView, updateSetting } from '../../services/settings.js';
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
};
