/** What an audit event is about, by name: a link target (kind + id) and the words a sentence needs (server and web). */
export interface AuditSubject {
  kind: 'assignment' | 'task' | 'case' | 'round' | 'plan' | 'user' | 'org_unit' | 'inspection' | 'case_batch' | 'published_report' | 'other';
  id: number | null;
  /** A title or name (a round's name, a case's number, a plan's title, a user's display name). */
  name: string | null;
  /** For a task share: its task code and unit name. */
  taskCode: string | null;
  unitName: string | null;
}
