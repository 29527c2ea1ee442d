/**
 * Every route the app registers (collected with createApp's onRoute option) and a minimal body or query for each,
 * generated from its zod schema, so authorization can be checked on writes without a hand-made body per route:
 * a request that passes validation reaches the authorization check, which is what the security tests exercise.
 */
import { z } from 'zod';
import type { AppContext } from '../../src/services/context.js';
import { createApp } from '../../src/server/app.js';
import { testLogger } from '../helpers/test-log.js';
import type { FastifyInstance } from 'fastify';

export interface RouteInfo { method: string; url: string; body?: z.ZodType; querystring?: z.ZodType; multipart?: boolean }

export async function appWithRoutes(ctx: AppContext, logger?: object): Promise<{ app: FastifyInstance; routes: RouteInfo[] }> {
  const routes: RouteInfo[] = [];
  const app = await createApp(ctx, {
    serveWeb: false, logger: logger ?? testLogger(),
    onRoute: (r) => {
      const schema = (r.schema ?? {}) as { body?: z.ZodType; querystring?: z.ZodType; hide?: boolean; consumes?: string[] };
      if (!r.url.startsWith('/api/') || r.url.startsWith('/api/docs')) return;
      for (const method of [r.method].flat()) {
        if (method === 'HEAD' || method === 'OPTIONS') continue;
        routes.push({
          method, url: r.url, ...(schema.body ? { body: schema.body } : {}), ...(schema.querystring ? { querystring: schema.querystring } : {}),
          ...(schema.consumes?.includes('multipart/form-data') ? { multipart: true } : {}),
        });
      }
    },
  });
  await app.ready();
  return { app, routes };
}

type Json = { type?: string | string[]; properties?: Record<string, Json>; required?: string[]; items?: Json; anyOf?: Json[]; oneOf?: Json[]; allOf?: Json[];
  enum?: unknown[]; const?: unknown; minimum?: number; exclusiveMinimum?: number; minLength?: number; maxLength?: number; minItems?: number; format?: string; pattern?: string; default?: unknown };

/** Values for id-like fields, by field name (orgUnitId, taskId, …), and for any other integer. */
export type IdValues = Record<string, number>;

function sample(s: Json, key: string, ids: IdValues): unknown {
  if (s.const !== undefined) return s.const;
  if (key === 'subjectType') return 'assignment';
  if (s.enum) return s.enum[0];
  const alt = s.anyOf ?? s.oneOf;
  if (alt) return sample(alt.find((a) => a.type !== 'null') ?? alt[0]!, key, ids);
  if (s.allOf) return Object.assign({}, ...s.allOf.map((a) => sample(a, key, ids)));
  const type = [s.type].flat().find((t) => t !== 'null');
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      const required = s.required ?? [];
      // A patch of nothing but the version is refused as empty: add the first optional field too.
      const optional = Object.keys(s.properties ?? {}).find((k) => !required.includes(k));
      const keys = required.every((k) => k === 'version') && optional ? [...required, optional] : required;
      for (const k of keys) out[k] = sample(s.properties?.[k] ?? {}, k, ids);
      return out;
    }
    case 'array': return Array.from({ length: s.minItems ?? 0 }, () => sample(s.items ?? {}, key, ids));
    case 'integer': case 'number': {
      if (key in ids) return ids[key];
      if (/^version$/i.test(key)) return 1;
      return s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 1);
    }
    case 'boolean': return false;
    case 'string': {
      if (s.format === 'date-time') return new Date().toISOString();
      if (key === 'statusText') return '达到序时进度';
      if (s.pattern) {
        const re = new RegExp(s.pattern);
        const fit = ['x1', '2026-06-30', '2026-06', 'X3LN202505310009', '2025Q2', 'a@b.cn', '13512345678'].find((c) => re.test(c));
        if (fit) return fit;
      }
      if (s.format === 'date' || /date|asOf|from|to$/i.test(key) || s.pattern?.includes('\\d{4}')) return '2026-06-30';
      return '测'.repeat(Math.max(s.minLength ?? 1, 1)).slice(0, s.maxLength ?? 100);
    }
    case undefined: default: return key in ids ? ids[key] : 'x';
  }
}

/** A minimal value the schema accepts, or undefined when there is no schema. */
export function minimalValue(schema: z.ZodType | undefined, ids: IdValues): unknown {
  if (!schema) return undefined;
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Json;
  return sample(json, '', ids);
}

/** The names of the body's fields (required or not), for tests that aim one field at a time. */
export function fieldNames(schema: z.ZodType | undefined): string[] {
  if (!schema) return [];
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Json;
  return Object.keys(json.properties ?? {});
}
