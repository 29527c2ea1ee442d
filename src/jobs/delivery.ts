/**
 * Delivering outbox messages: e-mail over SMTP (nodemailer) when SMTP_URL is set, a JSON POST to WEBHOOK_URL when
 * that is set; with neither, notifications stay in-app and the outbox stays empty. Each message is claimed before it
 * is sent, so two runners never send it twice; a failure is retried on later runs, up to a limit.
 */
import nodemailer from 'nodemailer';
import type { AppContext } from '../services/context.js';
import type { Channel } from '../services/notify.js';
import { claimOutboxMessage, listPendingOutboxIds, markOutboxFailed, markOutboxSent, type OutboxMessage } from '../db/outbox.repository.js';
import { readSettings } from '../services/settings.js';

export interface Sender { send(message: OutboxMessage): Promise<void>; close(): void }

const WEBHOOK_TIMEOUT_MS = 10_000;

function webhookSender(url: string): Sender {
  return {
    async send(m) {
      const res = await fetch(url, {
        method: 'POST', headers: { 'content-type': 'application/json' }, signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
        body: JSON.stringify({ id: m.id, channel: m.channel, recipient: m.recipient, subject: m.subject, body: m.body, dedupeKey: m.dedupeKey }),
      });
      if (!res.ok) throw new Error(`webhook answered ${res.status}`);
    },
    close() { /* fetch keeps no connection of ours open */ },
  };
}

function emailSender(smtpUrl: string, from: string): Sender {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send(m) {
      await transport.sendMail({ from, to: m.recipient, subject: m.subject, text: m.body });
    },
    close() { transport.close(); },
  };
}

export async function createSenders(ctx: AppContext): Promise<Partial<Record<Channel, Sender>>> {
  const { mailFrom } = await readSettings(ctx.db, 'reminders');
  return {
    ...(ctx.config.smtpUrl ? { email: emailSender(ctx.config.smtpUrl, mailFrom) } : {}),
    ...(ctx.config.webhookUrl ? { webhook: webhookSender(ctx.config.webhookUrl) } : {}),
  };
}

export interface DeliverySummary { sent: number; retry: number; failed: number }

/** Sends what is pending; returns how it went. */
export async function deliverOutbox(ctx: AppContext): Promise<DeliverySummary> {
  const summary: DeliverySummary = { sent: 0, retry: 0, failed: 0 };
  const ids = await listPendingOutboxIds(ctx.db);
  if (ids.length === 0) return summary;
  const senders = await createSenders(ctx);
  try {
    for (const id of ids) {
      const m = await claimOutboxMessage(ctx.db, id);
      if (!m) continue;
      const sender = senders[m.channel as Channel];
      try {
        if (!sender) throw new Error(`channel ${m.channel} is not configured`);
        await sender.send(m);
        await markOutboxSent(ctx.db, m.id);
        summary.sent++;
      } catch (error) {
        summary[await markOutboxFailed(ctx.db, m, error instanceof Error ? error.message : String(error))]++;
      }
    }
  } finally {
    for (const s of Object.values(senders)) s.close();
  }
  return summary;
}
