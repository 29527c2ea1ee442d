import { api } from '../../api/client';

/**
 * Uploads one evidence file (multipart field "file") to an assignment (/api/assignments/:id/evidence) or a case
 * (/api/cases/:id/evidence); the API checks its type and size.
 */
export async function uploadEvidence(url: string, file: File): Promise<{ id: number; originalName: string }> {
  const form = new FormData();
  form.append('file', file, file.name);
  return api.upload<{ id: number; originalName: string }>(url, form);
}
