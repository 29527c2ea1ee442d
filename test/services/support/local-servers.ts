/**
 * Real delivery endpoints on 127.0.0.1 for tests: a webhook receiver (HTTP, JSON bodies) and the smallest SMTP
 * listener nodemailer will talk to (no TLS, no auth), each recording what it received.
 */
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface WebhookServer { url: string; received: Record<string, unknown>[]; failNext: number; close(): Promise<void> }

/** Answers 204, or 500 while `failNext` is above zero (counting down), so retries can be seen. */
export async function startWebhookServer(): Promise<WebhookServer> {
  const state: WebhookServer = { url: '', received: [], failNext: 0, close: async () => undefined };
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => { body += c; });
    req.on('end', () => {
      if (state.failNext > 0) {
        state.failNext--;
        res.writeHead(500).end();
        return;
      }
      state.received.push(JSON.parse(body) as Record<string, unknown>);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  state.close = () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); });
  return state;
}

export interface Mail { from: string; to: string[]; subject: string; raw: string }
export interface SmtpServer { url: string; mails: Mail[]; close(): Promise<void> }

/** Decodes RFC 2047 encoded words of a header (nodemailer writes Chinese subjects as =?UTF-8?B?…?=). */
function decodeHeader(value: string): string {
  return value.replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=\s*/gi, (_, enc: string, text: string) => enc.toUpperCase() === 'B'
    ? Buffer.from(text, 'base64').toString('utf8')
    : decodeURIComponent(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, '%$1')));
}

function subjectOf(raw: string): string {
  const m = /^Subject: (.*(?:\r\n[ \t].*)*)/m.exec(raw);
  return m ? decodeHeader(m[1]!.replace(/\r\n[ \t]/g, ' ')) : '';
}

export async function startSmtpServer(): Promise<SmtpServer> {
  const mails: Mail[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.setEncoding('utf8');
    socket.write('220 localhost test SMTP\r\n');
    let buffer = '';
    let data: string[] | null = null;
    let mail: Mail = { from: '', to: [], subject: '', raw: '' };
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      for (let i = buffer.indexOf('\r\n'); i >= 0; i = buffer.indexOf('\r\n')) {
        const line = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        if (data) {
          if (line === '.') {
            mail.raw = data.join('\r\n');
            mail.subject = subjectOf(mail.raw);
            mails.push(mail);
            mail = { from: '', to: [], subject: '', raw: '' };
            data = null;
            socket.write('250 queued\r\n');
          } else data.push(line.startsWith('..') ? line.slice(1) : line);
          continue;
        }
        const command = line.slice(0, 4).toUpperCase();
        if (command === 'EHLO' || command === 'HELO') socket.write('250 localhost\r\n');
        else if (command === 'MAIL') { mail.from = /<([^>]*)>/.exec(line)?.[1] ?? ''; socket.write('250 OK\r\n'); }
        else if (command === 'RCPT') { mail.to.push(/<([^>]*)>/.exec(line)?.[1] ?? ''); socket.write('250 OK\r\n'); }
        else if (command === 'DATA') { data = []; socket.write('354 end with .\r\n'); }
        else if (command === 'QUIT') { socket.end('221 bye\r\n'); }
        else socket.write('250 OK\r\n');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `smtp://127.0.0.1:${(server.address() as AddressInfo).port}`,
    mails,
    close: () => new Promise((resolve) => { for (const s of sockets) s.destroy(); server.close(() => resolve()); }),
  };
}
