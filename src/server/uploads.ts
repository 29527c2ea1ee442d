/**
 * Reading one uploaded file (multipart field `file`) and the text fields beside it: the one way every upload route
 * reads its body. A body that cannot be read as a form (no boundary, cut short, not multipart at all) and a file part
 * without a file name answer 400 MALFORMED_UPLOAD, a file over the limit 413; nothing of it reaches a service.
 */
import type { FastifyRequest } from 'fastify';
import { AppError, isAppError } from '../core/errors.js';

/** The largest file an upload may carry: the multipart plugin's limit (app.ts) and the routes' messages. */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
const MAX_UPLOAD_MB = MAX_UPLOAD_BYTES / 1024 / 1024;

function malformed(what: string): AppError {
  return new AppError('MALFORMED_UPLOAD', `上传的表单不完整或格式有误（可能是网络中断或客户端未按 multipart/form-data 发送），请重新选择${what}上传`);
}

/** What the multipart parser throws, as the error the client should see. */
function asUploadError(error: unknown, what: string): AppError {
  if (isAppError(error)) return error;
  const code = (error as { code?: string }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return new AppError('FILE_TOO_LARGE', `文件超过 ${MAX_UPLOAD_MB} MB 上限，请压缩或拆分后上传`);
  if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') return new AppError('VALIDATION_FAILED', `一次只能上传一个${what}，表单字段也不能过多`);
  // Busboy's "Multipart: Boundary not found", "Unexpected end of form", "Malformed part header", and the like.
  return malformed(what);
}

export async function readSingleUpload(request: FastifyRequest, what: string): Promise<{ name: string; data: Buffer; fields: Record<string, string> }> {
  if (!request.isMultipart()) throw new AppError('VALIDATION_FAILED', `请以 multipart/form-data 上传${what}（字段名 file）`);
  let file: { name: string; data: Buffer } | undefined;
  const fields: Record<string, string> = {};
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        if (file) throw new AppError('VALIDATION_FAILED', `一次只能上传一个${what}`);
        // Read it even when refused below, so the request's stream is consumed and the answer goes out cleanly.
        const data = await part.toBuffer();
        // (An empty name is kept: busboy reduces a name like ".." to it, and the services then name the file by its type.)
        if (typeof part.filename !== 'string') {
          throw new AppError('MALFORMED_UPLOAD', `上传的${what}没有文件名：请从文件选择框选择文件上传`, [{ field: part.fieldname, message: '缺少文件名' }]);
        }
        file = { name: part.filename, data };
      } else if (typeof part.value === 'string') {
        fields[part.fieldname] = part.value;
      }
    }
  } catch (error) {
    throw asUploadError(error, what);
  }
  if (!file) throw new AppError('VALIDATION_FAILED', `没有收到${what}（请在字段 file 中附上文件）`, [{ field: 'file', message: '缺少文件' }]);
  return { ...file, fields };
}
