/** Reading one uploaded file (multipart field `file`) and the text fields beside it. */
import type { FastifyRequest } from 'fastify';
import { AppError } from '../core/errors.js';

export async function readSingleUpload(request: FastifyRequest, what: string): Promise<{ name: string; data: Buffer; fields: Record<string, string> }> {
  if (!request.isMultipart()) throw new AppError('VALIDATION_FAILED', `请以 multipart/form-data 上传${what}（字段名 file）`);
  let file: { name: string; data: Buffer } | undefined;
  const fields: Record<string, string> = {};
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      if (file) throw new AppError('VALIDATION_FAILED', `一次只能上传一个${what}`);
      file = { name: part.filename, data: await part.toBuffer() };
    } else if (typeof part.value === 'string') {
      fields[part.fieldname] = part.value;
    }
  }
  if (!file) throw new AppError('VALIDATION_FAILED', '没有收到文件（字段名 file）');
  return { ...file, fields };
}
