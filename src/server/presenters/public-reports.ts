/** The public pages' presenter: a published version whitelisted to what the public may read. */
import type { PublishedReportRecord } from '../../db/imports.repository.js';
import type { PublishedReportRecordView } from '../../core/api/public-reports.js';

export const presentPublishedRecord = ({ id, orgUnitName, inspectionName, title, asOf, publishedAt, version }: PublishedReportRecord): PublishedReportRecordView =>
  ({ id, orgUnitName, inspectionName, title, asOf, publishedAt, version });
