/** Records of imported files, the reports published from them, and evidence file rows. */
import type { Conn } from './database.js';
import { nowIso } from './clock.js';

export async function insertImportRecord(db: Conn, r: { fileName: string; sha256: string; orgUnitId: number; inspectionId: number; title: string; asOf: string | null; importedBy: number | null }): Promise<number> {
  const { id } = await db.insertInto('imports').values({
    file_name: r.fileName, sha256: r.sha256, org_unit_id: r.orgUnitId, inspection_id: r.inspectionId, title: r.title,
    as_of: r.asOf, summary: '{}', imported_by: r.importedBy, created_at: nowIso(),
  }).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function insertPublishedReport(db: Conn, r: { orgUnitId: number; inspectionId: number; title: string; asOf: string | null; content: unknown; importId: number | null; publishedBy: number | null }): Promise<number> {
  const { id } = await db.insertInto('published_reports').values({
    org_unit_id: r.orgUnitId, inspection_id: r.inspectionId, title: r.title, as_of: r.asOf, content: JSON.stringify(r.content),
    import_id: r.importId, published_at: nowIso(), published_by: r.publishedBy,
  }).returning('id').executeTakeFirstOrThrow();
  return id;
}

export interface PublishedReportRecord {
  id: number;
  orgUnitId: number;
  orgUnitName: string;
  inspectionId: number;
  inspectionName: string;
  title: string;
  asOf: string | null;
  publishedAt: string;
}

function publishedQuery(db: Conn) {
  return db.selectFrom('published_reports as r').innerJoin('org_units as o', 'o.id', 'r.org_unit_id')
    .innerJoin('inspections as i', 'i.id', 'r.inspection_id')
    .select(['r.id', 'r.org_unit_id', 'o.name as org_name', 'r.inspection_id', 'i.name as inspection_name', 'r.title', 'r.as_of', 'r.published_at', 'o.path']);
}
type PublishedRow = Awaited<ReturnType<ReturnType<typeof publishedQuery>['executeTakeFirstOrThrow']>>;
const toPublished = (r: PublishedRow): PublishedReportRecord => ({
  id: r.id, orgUnitId: r.org_unit_id, orgUnitName: r.org_name, inspectionId: r.inspection_id, inspectionName: r.inspection_name,
  title: r.title, asOf: r.as_of, publishedAt: r.published_at,
});

export async function listPublishedReports(db: Conn): Promise<PublishedReportRecord[]> {
  return (await publishedQuery(db).orderBy('r.published_at', 'desc').orderBy('r.id', 'desc').execute()).map(toPublished);
}

export async function getPublishedReportContent(db: Conn, id: number): Promise<{ record: PublishedReportRecord; content: unknown } | undefined> {
  const row = await publishedQuery(db).select('r.content').where('r.id', '=', id).executeTakeFirst();
  return row && { record: toPublished(row), content: JSON.parse(row.content) as unknown };
}

export async function insertEvidenceRecord(db: Conn, e: { sha256: string; size: number; mediaType: string; originalName: string; ownerType: string; ownerId: number; orgUnitId: number | null; uploadedBy: number | null }): Promise<number> {
  const { id } = await db.insertInto('evidence_files').values({
    sha256: e.sha256, size: e.size, media_type: e.mediaType, original_name: e.originalName, owner_type: e.ownerType,
    owner_id: e.ownerId, org_unit_id: e.orgUnitId, uploaded_by: e.uploadedBy, uploaded_at: nowIso(),
  }).returning('id').executeTakeFirstOrThrow();
  return id;
}

export interface ImportRecord { id: number; fileName: string; orgUnitId: number; orgUnitName: string; title: string; asOf: string | null; summary: unknown; createdAt: string }

export async function listImports(db: Conn, scopePaths: readonly string[]): Promise<ImportRecord[]> {
  if (scopePaths.length === 0) return [];
  const rows = await db.selectFrom('imports as i').innerJoin('org_units as o', 'o.id', 'i.org_unit_id')
    .select(['i.id', 'i.file_name', 'i.org_unit_id', 'o.name', 'i.title', 'i.as_of', 'i.summary', 'i.created_at'])
    .where((eb) => eb.or(scopePaths.map((p) => eb('o.path', 'like', `${p}%`))))
    .orderBy('i.id', 'desc').limit(200).execute();
  return rows.map((r) => ({ id: r.id, fileName: r.file_name, orgUnitId: r.org_unit_id, orgUnitName: r.name, title: r.title, asOf: r.as_of, summary: JSON.parse(r.summary) as unknown, createdAt: r.created_at }));
}
