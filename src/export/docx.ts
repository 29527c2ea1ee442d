/**
 * The DOCX writer, in the GB/T 9704 layout (党政机关公文格式). The official font names are written into the file
 * (the deployer supplies the fonts); the numbers below are derived from the standard, not tuned by eye.
 */
import {
  AlignmentType, Document, Footer, LineRuleType, Packer, PageNumber, Paragraph, TextRun,
  type IRunOptions, type IStylesOptions,
} from 'docx';
import { reportBlocks, type Block } from './blocks.js';
import type { ExportReport } from './types.js';

const TWIPS_PER_MM = 1440 / 25.4;
const mm = (n: number): number => Math.round(n * TWIPS_PER_MM);

/** A4 and the official margins, in twips. */
export const PAGE = {
  width: 11906, height: 16838, top: mm(37), bottom: mm(35), left: mm(28), right: mm(26),
} as const;
/** 22 lines in the 225 mm type area: an exact line pitch of 579 twips (28.95 pt). */
export const LINE_PITCH = Math.floor((PAGE.height - PAGE.top - PAGE.bottom) / 22);

export const FONTS = {
  title: '方正小标宋简体', body: '仿宋_GB2312', heiti: '黑体', kaiti: '楷体_GB2312', pageNumber: '宋体',
} as const;

const font = (name: string) => ({ ascii: name, hAnsi: name, eastAsia: name, cs: name });
const exact = { line: LINE_PITCH, lineRule: LineRuleType.EXACT, before: 0, after: 0 };
// Two characters: Word reads the character count; LibreOffice only the width (2 × (16 − 0.25) pt = 630 twips).
const bodyIndent = { firstLineChars: 200, firstLine: 630 };

// Sizes are in half-points: 二号 22 pt = 44, 三号 16 pt = 32, 四号 14 pt = 28. Character spacing is in
// twentieths of a point: −0.25 pt = −5, so 28 characters of 三号 fit the 156 mm line.
const styles: IStylesOptions = {
  default: {
    document: {
      run: { font: font(FONTS.body), size: 32, characterSpacing: -5, language: { value: 'en-US', eastAsia: 'zh-CN' } },
      paragraph: { spacing: exact, alignment: AlignmentType.JUSTIFIED },
    },
  },
  paragraphStyles: [
    { id: 'RectifyBody', name: 'Rectify Body', basedOn: 'Normal', quickFormat: true, paragraph: { indent: bodyIndent } },
    {
      id: 'RectifyTitle', name: 'Rectify Title', basedOn: 'Normal', next: 'RectifyBody', quickFormat: true,
      run: { font: font(FONTS.title), size: 44, characterSpacing: 0 },
      // The title takes two body lines of height and leaves one blank line before the body, as the standard shows.
      paragraph: { alignment: AlignmentType.CENTER, spacing: { ...exact, line: Math.round(LINE_PITCH * 1.2), after: LINE_PITCH } },
    },
    { id: 'RectifyLabel', name: 'Rectify Label', basedOn: 'Normal', run: { font: font(FONTS.heiti) } },
    {
      id: 'RectifyHeading1', name: 'Rectify Heading 1', basedOn: 'Normal', next: 'RectifyBody', quickFormat: true,
      run: { font: font(FONTS.heiti) }, paragraph: { indent: bodyIndent, outlineLevel: 0 },
    },
    {
      id: 'RectifyHeading2', name: 'Rectify Heading 2', basedOn: 'Normal', next: 'RectifyBody', quickFormat: true,
      run: { font: font(FONTS.kaiti) }, paragraph: { indent: bodyIndent, outlineLevel: 1 },
    },
  ],
};

const STYLE_OF: Record<Block['kind'], string> = {
  label: 'RectifyLabel', title: 'RectifyTitle', section: 'RectifyHeading1', task: 'RectifyHeading1',
  status: 'RectifyHeading2', field: 'RectifyBody', paragraph: 'RectifyBody', measure: 'RectifyBody',
};

/** `— n —` in 宋体 四号, one character in from the outer edge: odd pages right, even pages left. */
function pageNumberFooter(side: 'odd' | 'even'): Footer {
  const run: IRunOptions = { font: font(FONTS.pageNumber), size: 28, characterSpacing: 0 };
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'odd' ? { right: 280 } : { left: 280 },
        spacing: { before: 0, after: 0 },
        children: [new TextRun({ ...run, text: '— ' }), new TextRun({ ...run, children: [PageNumber.CURRENT] }), new TextRun({ ...run, text: ' —' })],
      }),
    ],
  });
}

/** Renders a report to DOCX (A4, GB/T 9704 fonts, sizes, margins, 22 × 28 grid, odd/even page numbers). */
export async function renderDocx(report: ExportReport): Promise<Buffer> {
  const children = reportBlocks(report).map((b) => new Paragraph({ style: STYLE_OF[b.kind], text: b.text }));
  const doc = new Document({
    title: report.title,
    creator: 'Rectify',
    evenAndOddHeaderAndFooters: true,
    styles,
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            // The footer line sits 7 mm below the type area, as the standard places the page number.
            margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right, header: mm(15), footer: mm(35 - 7) - 280, gutter: 0 },
          },
          grid: { linePitch: LINE_PITCH },
        },
        footers: { default: pageNumberFooter('odd'), even: pageNumberFooter('even') },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
