import { readFileSync } from 'node:fs';
import { AlignmentType, Document, LevelFormat, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import { describe, expect, it } from 'vitest';
import { detectPlanTable, parsePlanTable } from './index.js';

const cell = (...paragraphs: Paragraph[]): TableCell => new TableCell({ children: paragraphs.length ? paragraphs : [new Paragraph('')] });

/** A plan whose 序号 column and measures are Word lists: the numbers exist only in numbering.xml. */
async function listNumberedPlan(): Promise<Uint8Array> {
  const number = (): Paragraph => new Paragraph({ numbering: { reference: 'codes', level: 0 } });
  const measure = (text: string, task: number): Paragraph => new Paragraph({ text, numbering: { reference: 'measures', level: 0, instance: task } });
  const doc = new Document({
    numbering: {
      config: [
        { reference: 'codes', levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1', alignment: AlignmentType.CENTER }] },
        { reference: 'measures', levels: [{ level: 0, format: LevelFormat.CHINESE_COUNTING, text: '（%1）', alignment: AlignmentType.LEFT }] },
      ],
    },
    sections: [{
      children: [
        new Paragraph('附件1'),
        new Paragraph('某县整改任务清单'),
        new Table({
          rows: [
            new TableRow({ children: ['序号', '问题描述', '整改措施', '责任单位', '完成时限'].map((h) => cell(new Paragraph(h))) }),
            new TableRow({ children: [cell(number()), cell(new Paragraph('秸秆焚烧屡禁不止')), cell(measure('划定禁烧区', 1), measure('开展巡查', 1)), cell(new Paragraph('县农业农村局')), cell(new Paragraph('长期坚持'))] }),
            new TableRow({ children: [cell(number()), cell(new Paragraph('河道垃圾清理不及时')), cell(measure('建立河长巡河制度', 2)), cell(new Paragraph('县水利局')), cell(new Paragraph('2024年底前'))] }),
          ],
        }),
      ],
    }],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

describe('plan tables in Word', () => {
  it('rebuilds automatic list numbers: the 序号 column and the measures of each task', async () => {
    const parsed = await parsePlanTable({ data: await listNumberedPlan(), name: '清单.docx' });
    expect(parsed.warnings).toEqual([]);
    expect([parsed.title, parsed.region]).toEqual(['某县整改任务清单', '某县']);
    expect(parsed.tasks.map((t) => [t.code, t.number])).toEqual([['1', 1], ['2', 2]]);
    expect(parsed.tasks[0]?.measures.map((m) => [m.ordinal, m.text])).toEqual([[1, '划定禁烧区'], [2, '开展巡查']]);
    expect(parsed.tasks[1]?.measures.map((m) => [m.ordinal, m.text])).toEqual([[1, '建立河长巡河制度']]);
    expect(parsed.tasks[0]?.cells?.problem).toEqual([{ sheet: '表1', ref: 'R2C2', text: '秸秆焚烧屡禁不止' }]);
  });

  it('leaves a report laid out as a table (a progress column) to the report reader', async () => {
    const data = new Uint8Array(readFileSync('test/fixtures/import/table-report.docx'));
    expect((await detectPlanTable({ data, name: 'table-report.docx' })).isPlan).toBe(false);
  });

  it('is not a plan when its tables are a small part of a long document', async () => {
    const long = '各地区各部门要提高政治站位，压实整改责任，确保各项任务按期完成。'.repeat(40);
    const doc = new Document({
      sections: [{
        children: [
          new Paragraph(long),
          new Table({ rows: [['序号', '问题', '整改措施', '责任单位'], ['1', '某问题', '某措施', '某局']].map((r) => new TableRow({ children: r.map((t) => cell(new Paragraph(t))) })) }),
        ],
      }],
    });
    const detected = await detectPlanTable({ data: new Uint8Array(await Packer.toBuffer(doc)), name: '通知.docx' });
    expect(detected).toMatchObject({ isPlan: false, sheet: '表1', format: 'document' });
  });
});
