import { describe, expect, it } from 'vitest';
import type { ParsedReport } from '../core/report.js';
import { renderMarkdown, renderText } from '../export/text.js';
import { reportFromParsed } from '../export/types.js';
import { parseReportText } from './index.js';
import { fixtureText, SAMPLE } from './test-helpers.js';

// The exporters print measure text verbatim after its label; reading their output back must give the same tasks.
const tasks = (r: ParsedReport) => r.tasks.map(({ code, number, problem, status, statusCode, measures, facts, documents }) => ({
  code, number, problem, status, statusCode, measures, facts, documents,
}));

describe('export → import round trip of the sample', () => {
  const parsed = parseReportText(fixtureText(SAMPLE));
  it.each([
    ['text', renderText],
    ['markdown', renderMarkdown],
  ])('%s', (_name, render) => {
    const again = parseReportText(render(reportFromParsed(parsed)));
    expect(again.title).toBe(parsed.title);
    expect(tasks(again)).toEqual(tasks(parsed));
  });
});
