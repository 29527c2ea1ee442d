import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { I18nProvider, type Locale } from '../../i18n/i18n';
import { AuditCheckpointNote } from './AuditCheckpointNote';

const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
const show = (checkpoint: unknown, locale: Locale = 'zh') => {
  vi.stubGlobal('fetch', vi.fn(() => Promise.resolve(json({ checkpoint }))));
  return render(<I18nProvider initial={locale}><AuditCheckpointNote /></I18nProvider>);
};
afterEach(() => { cleanup(); vi.unstubAllGlobals(); });

describe('the audit checkpoint on the public page', () => {
  it('shows the number of recorded actions and the head hash anyone may note down', async () => {
    show({ seq: 1234, hash: 'ab12cd34ef56ab78cd90ef12ab34cd56ef78ab90cd12ef34ab56cd78ef90ab12', at: '2026-12-07T02:00:00.000Z' });
    const note = await screen.findByTestId('audit-checkpoint');
    expect(note.textContent).toContain('共 1234 条操作记录');
    expect(note.textContent).toContain('ab12cd34ef56ab78…');
  });

  it('reads in English', async () => {
    show({ seq: 9, hash: 'ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100', at: '2026-12-07T02:00:00.000Z' }, 'en');
    expect((await screen.findByTestId('audit-checkpoint')).textContent).toContain('9 recorded actions');
  });
});
