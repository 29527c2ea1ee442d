import { deflateRawSync } from 'node:zlib';
import { Document, Packer, Paragraph } from 'docx';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors.js';
import { detectPlanTable, MAX_PLAN_BYTES, parsePlanTable } from './index.js';

async function failure(data: Uint8Array, name: string, options = {}): Promise<AppError> {
  try {
    await parsePlanTable({ data, name }, options);
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    const error = e as AppError;
    expect(error.message.startsWith(`${name}: `)).toBe(true);
    expect(error.message).not.toContain('\n');
    return error;
  }
  throw new Error('expected an AppError');
}

/** A one-entry ZIP whose directory declares `declared` bytes for data that inflates to `real` bytes of `fill`. */
function zipWith(entry: string, real: number, declared: number, fill = 0x20): Uint8Array {
  const data = deflateRawSync(Buffer.alloc(real, fill));
  const name = Buffer.from(entry);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(declared, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(declared, 24);
  central.writeUInt16LE(name.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(local.length + name.length + data.length, 16);
  return new Uint8Array(Buffer.concat([local, name, data, central, name, end]));
}

async function workbook(rows: unknown[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Sheet1').addRows(rows);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('bad plan input gives one AppError naming the file, and nothing else', () => {
  it('a workbook that is not a plan: the columns found and the columns expected', async () => {
    const e = await failure(await workbook([['单位名称', '联系人', '联系电话'], ['市生态环境局', '张三', '123']]), '通讯录.xlsx');
    expect(e.code).toBe('NOT_A_PLAN');
    expect(e.message).toBe('通讯录.xlsx: 不是整改方案表格：找到的列为“单位名称、联系人、联系电话”，应有“序号、问题（反馈问题/存在问题/问题描述）、整改目标、整改措施、责任单位（牵头/配合）、完成时限”等列');
    expect(await detectPlanTable({ data: await workbook([['单位名称', '联系人']]), name: 'x.xlsx' })).toMatchObject({ isPlan: false, columnsFound: ['单位名称', '联系人'], sheet: null });
  });

  it('a workbook with no rows at all', async () => {
    const e = await failure(await workbook([]), '空表.xlsx');
    expect(e.code).toBe('NOT_A_PLAN');
    expect(e.message).toContain('没有找到表头');
  });

  it('a Word document with no table', async () => {
    const doc = new Document({ sections: [{ children: [new Paragraph('关于整改工作的通知'), new Paragraph('各单位：请抓好落实。')] }] });
    const e = await failure(new Uint8Array(await Packer.toBuffer(doc)), '通知.docx');
    expect([e.code, e.message]).toEqual(['NOT_A_PLAN', '通知.docx: Word 文档中没有表格，不是整改方案表格']);
  });

  it('an empty file', async () => {
    const e = await failure(new Uint8Array(), 'empty.xlsx');
    expect([e.code, e.message]).toEqual(['BAD_FILE', 'empty.xlsx: 文件为空']);
  });

  it('a file over the size limit', async () => {
    const e = await failure(new Uint8Array(MAX_PLAN_BYTES + 1), 'huge.xlsx');
    expect(e.code).toBe('FILE_TOO_LARGE');
  });

  it('a zip bomb: a sheet inflating past its declared size', async () => {
    const bomb = zipWith('xl/workbook.xml', 5_000_000, 100);
    const e = await failure(bomb, 'bomb.xlsx');
    expect([e.code, e.message]).toEqual(['BAD_FILE', 'bomb.xlsx: xl/workbook.xml 解压后超过声明大小，疑似压缩炸弹，拒绝读取']);
  });

  it('a zip bomb: entries declaring more than the total cap', async () => {
    const e = await failure(zipWith('xl/workbook.xml', 10, 300 * 1024 * 1024), 'big.xlsx');
    expect(e.message).toBe('big.xlsx: 解压后体积过大，疑似压缩炸弹，拒绝读取');
  });

  it('a truncated workbook', async () => {
    const whole = await workbook([['序号', '问题', '整改措施'], [1, '甲', '乙']]);
    const e = await failure(whole.subarray(0, Math.floor(whole.length / 2)), 'cut.xlsx');
    expect(e.code).toBe('BAD_FILE');
  });

  it('an encrypted workbook (an OLE container holding EncryptedPackage)', async () => {
    const ole = new Uint8Array(4096);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    ole.set(Buffer.from('EncryptedPackage', 'utf16le'), 1024);
    const e = await failure(ole, 'secret.xlsx');
    expect([e.code, e.message]).toEqual(['BAD_FILE', 'secret.xlsx: 文件有密码保护，请解除密码后再导入']);
  });

  it('.xls without LibreOffice: names LibreOffice Calc', async () => {
    const ole = new Uint8Array(2048);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const e = await failure(ole, 'old.xls', { soffice: '/nonexistent/soffice' });
    expect(e.code).toBe('CONVERTER_MISSING');
    expect(e.message).toBe('old.xls: .xls 文件需要 LibreOffice Calc 转换，但本机未安装 LibreOffice（apt-get install libreoffice-calc-nogui），或请先另存为 .xlsx');
  });

  it('a PDF or a text file is not a table', async () => {
    const pdf = await failure(new TextEncoder().encode('%PDF-1.7\n'), 'plan.pdf');
    expect(pdf.code).toBe('UNSUPPORTED_FILE');
    expect(await detectPlanTable({ data: new TextEncoder().encode('序号 问题 措施'), name: 'a.txt' })).toMatchObject({ isPlan: false, format: null });
  });
});
