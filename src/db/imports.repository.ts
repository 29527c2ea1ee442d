/** Records of imported files, the reports published from them, and evidence file rows. */
import type { Conn } from './database.js';
import { nowIso } from './clock.js';
import { reportContentHash } from './report-content-hash.js';
import type { ImportRecord } from '../core/api/imports.js';

export async function insertImportRecord(db: Conn, r: { fileName: string; sha256: string; orgUnitId: number; inspectionId: number; title: string; asOf: string | null; importedBy: number | null }): Promise<number> {
  const { id } = await db.insertInto('imports').values({
    file_name: r.fileName, sha256: r.sha256, org_unit_id: r.orgUnitId, inspection_id: r.inspectionId, title: r.title,
    as_of: r.asOf, summary: '{}', imported_by: r.importedBy, created_at: nowIso(),
  }).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** Writes what an import did (its counts, warnings and changes) onto its record, in the import's transaction. */
export async function setImportSummary(db: Conn, importId: number, summary: unknown): Promise<void> {
  await db.updateTable('imports').set({ summary: JSON.stringify(summary) }).where('id', '=', importId).execute();
}

/**
 * Publishes a version of the report of a unit on an inspection: the next version number, with its content's
 * fingerprint. Whether this content may be published (not the same as the latest version) is the service's rule.
 */
export async function insertPublishedReport(db: Conn, r: { orgUnitId: number; inspectionId: number; title: string; asOf: string | null; content: unknown; importId: number | null; publishedBy: number | null }): Promise<number> {
  const latest = await findLatestVersion(db, r.orgUnitId, r.inspectionId);
  const { id } = await db.insertInto('published_reports').values({
    org_unit_id: r.orgUnitId, inspection_id: r.inspectionId, title: r.title, as_of: r.asOf, content: JSON.stringify(r.content),
    import_id: r.importId, published_at: nowIso(), published_by: r.publishedBy,
    version: (latest?.version ?? 0) + 1, content_hash: reportContentHash(r.content), duplicate_of: null,
  }).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** The newest version of the report of a unit on an inspection, with its fingerprint; undefined before the first. */
export async function findLatestVersion(db: Conn, orgUnitId: number, inspectionId: number, publishedBefore?: string): Promise<{ id: number; version: number; contentHash: string | null; asOf: string | null; publishedAt: string } | undefined> {
  const row = await db.selectFrom('published_reports').select(['id', 'version', 'content_hash', 'as_of', 'published_at'])
    .where('org_unit_id', '=', orgUnitId).where('inspection_id', '=', inspectionId).where('version', 'is not', null)
    .$if(publishedBefore !== undefined, (q) => q.where('published_at', '<', publishedBefore!))
    .orderBy('version', 'desc').limit(1).executeTakeFirst();
  return row && { id: row.id, version: row.version!, contentHash: row.content_hash, asOf: row.as_of, publishedAt: row.published_at };
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
  /** 1, 2, … within the report (unit and inspection) */
  version: number;
}

function publishedQuery(db: Conn) {
  return db.selectFrom('published_reports as r').innerJoin('org_units as o', 'o.id', 'r.org_unit_id')
    .innerJoin('inspections as i', 'i.id', 'r.inspection_id')
    .select(['r.id', 'r.org_unit_id', 'o.name as org_name', 'r.inspection_id', 'i.name as inspection_name', 'r.title', 'r.as_of', 'r.published_at', 'r.version', 'r.duplicate_of', 'o.path']);
}
type PublishedRow = Awaited<ReturnType<ReturnType<typeof publishedQuery>['executeTakeFirstOrThrow']>>;
const toPublished = (r: PublishedRow): PublishedReportRecord => ({
  id: r.id, orgUnitId: r.org_unit_id, orgUnitName: r.org_name, inspectionId: r.inspection_id, inspectionName: r.inspection_name,
  title: r.title, asOf: r.as_of, publishedAt: r.published_at, version: r.version ?? 0,
});

/** Every published version (repeats folded by migration 020 left out), newest first. */
export async function listPublishedReports(db: Conn): Promise<PublishedReportRecord[]> {
  return (await publishedQuery(db).where('r.version', 'is not', null).orderBy('r.published_at', 'desc').orderBy('r.id', 'desc').execute()).map(toPublished);
}

export interface PublishedReportGroup extends PublishedReportRecord {
  /** The earlier versions of the same report, newest first. */
  earlier: PublishedReportRecord[];
}

/** Each report once (its newest version), newest publication first, with its earlier versions under it. */
export async function listPublishedReportGroups(db: Conn): Promise<PublishedReportGroup[]> {
  const groups = new Map<string, PublishedReportGroup>();
  for (const r of await listPublishedReports(db)) {
    const key = `${r.orgUnitId}:${r.inspectionId}`;
    const group = groups.get(key);
    if (group) group.earlier.push(r);
    else groups.set(key, { ...r, earlier: [] });
  }
  for (const g of groups.values()) g.earlier.sort((a, b) => b.version - a.version);
  return [...groups.values()];
}

/** One publication by id. An old address of a folded repeat opens the version it repeated (same text). */
export async function getPublishedReportContent(db: Conn, id: number): Promise<{ record: PublishedReportRecord; content: unknown } | undefined> {
  const row = await publishedQuery(db).select('r.content').where('r.id', '=', id).executeTakeFirst();
  if (row?.duplicate_of != null) return getPublishedReportContent(db, row.duplicate_of);
  return row && { record: toPublished(row), content: JSON.parse(row.content) as unknown };
}

export async function insertEvidenceRecord(db: Conn, e: { sha256: string; size: number; mediaType: string; originalName: string; ownerType: string; ownerId: number; orgUnitId: number | null; uploadedBy: number | null }): Promise<number> {
  const { id } = await db.insertInto('evidence_files').values({
    sha256: e.sha256, size: e.size, media_type: e.mediaType, original_name: e.originalName, owner_type: e.ownerType,
    owner_id: e.ownerId, org_unit_id: e.orgUnitId, uploaded_by: e.uploadedBy, uploaded_at: nowIso(),
  }).returning('id').executeTakeFirstOrThrow();
  return id;
}


export async function listImports(db: Conn, scopePaths: readonly string[]): Promise<ImportRecord[]> {
  if (scopePaths.length === 0) return [];
  const rows = await db.selectFrom('imports as i').innerJoin('org_units as o', 'o.id', 'i.org_unit_id')
    .select(['i.id', 'i.file_name', 'i.org_unit_id', 'o.name', 'i.title', 'i.as_of', 'i.summary', 'i.created_at'])
    .where((eb) => eb.or(scopePaths.map((p) => eb('o.path', 'like', `${p}%`))))
    .orderBy('i.id', 'desc').limit(200).execute();
  return rows.map((r) => ({ id: r.id, fileName: r.file_name, orgUnitId: r.org_unit_id, orgUnitName: r.name, title: r.title, asOf: r.as_of, summary: JSON.parse(r.summary) as unknown, createdAt: r.created_at }));
}
