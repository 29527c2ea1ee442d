import { api } from '../../../api/client';
import type { Evidence } from '../../../api/types';

/** Uploads one evidence file to an assignment (multipart field "file"); the API checks type and size. */
export async function uploadEvidence(assignmentId: number, file: File): Promise<Evidence> {
  const form = new FormData();
  form.append('file', file, file.name);
  return api.upload<Evidence>(`/api/assignments/${assignmentId}/evidence`, form);
}
