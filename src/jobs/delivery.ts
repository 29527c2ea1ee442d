/**
 * Delivering outbox messages: e-mail over SMTP (nodemailer) when SMTP_URL is set, a JSON POST to WEBHOOK_URL when
 * that is set; with neither, notifications stay in-app and the outbox stays empty. Each message is claimed (a lease,
 * renewed while the receiver is waited on) before it is sent, so two live runners never send it at once; a failure is
 * retried on later runs, up to a limit. Delivery is at-least-once: a runner killed mid-send leaves the message to be
 * sent again once its lease runs out, so every message carries its dedupe key for the receiver to drop a repeat.
 */
import { createHash } from 'node:crypto';
import type { AppContext } from '../services/context.js';
import type { Channel } from '../services/send-notifications.js';
import { claimOutboxMessage, listPendingOutboxIds, markOutboxFailed, markOutboxSent, renewOutboxLease, type OutboxMessage } from '../db/outbox.repository.js';
import { readSettings } from '../services/settings.js';
import { whileRenewing } from './lease.js';

export interface Sender { send(message: OutboxMessage): Promise<void>; close(): void }

const WEBHOOK_TIMEOUT_MS = 10_000;

function webhookSender(url: string): Sender {
  return {
    async send(m) {
      const res = await fetch(url, {
        method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': m.dedupeKey }, signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
        body: JSON.stringify({ id: m.id, channel: m.channel, recipient: m.recipient, subject: m.subject, body: m.body, dedupeKey: m.dedupeKey }),
      });
      if (!res.ok) throw new Error(`webhook answered ${res.status}`);
    },
    close() { /* fetch keeps no connection of ours open */ },
  };
}

async function emailSender(smtpUrl: string, from: string): Promise<Sender> {
  // Loaded only where e-mail is configured: nodemailer is about 10 MB of memory a server without SMTP need not hold.
  const { default: nodemailer } = await import('nodemailer');
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send(m) {
      // The same message sent again (after a crash) keeps its Message-ID, so mail systems can drop the repeat.
      const messageId = `<${createHash('sha256').update(m.dedupeKey).digest('hex').slice(0, 32)}@rectify.outbox>`;
      await transport.sendMail({ from, to: m.recipient, subject: m.subject, text: m.body, messageId });
    },
    close() { transport.close(); },
  };
}

export async function createSenders(ctx: AppContext): Promise<Partial<Record<Channel, Sender>>> {
  const { mailFrom } = await readSettings(ctx.db, 'reminders');
  return {
    ...(ctx.config.smtpUrl ? { email: await emailSender(ctx.config.smtpUrl, mailFrom) } : {}),
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
        await whileRenewing(() => renewOutboxLease(ctx.db, m), () => sender.send(m));
        await markOutboxSent(ctx.db, m);
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
