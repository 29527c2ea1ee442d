/** Finds or creates the org unit a report belongs to, from "辽宁省/抚顺市" or a plain name. */
import type { Conn } from '../db/database.js';
import { AppError } from '../core/errors.js';
import { guessOrgKind } from '../core/org.js';
import { findChildByName, findOrgUnitsByName, insertOrgUnit } from '../db/org-units.repository.js';
import type { OrgUnit } from '../core/api/org-units.js';
import { randomBytes } from 'node:crypto';

export async function resolveOrgUnit(db: Conn, spec: string, opts: { create: boolean }): Promise<OrgUnit> {
  const parts = spec.split(/[/／>]/).map((s) => s.trim()).filter(Boolean);
  if (parts.length === 0) throw new AppError('VALIDATION_FAILED', '单位名称为空');
  if (parts.length === 1) {
    const found = await findOrgUnitsByName(db, parts[0]!);
    if (found.length === 1) return found[0]!;
    if (found.length > 1) {
      throw new AppError('VALIDATION_FAILED', `有 ${found.length} 个名为“${parts[0]}”的单位，请用“上级/本级”的形式指明，例如 辽宁省/${parts[0]}`);
    }
  }
  let parent: OrgUnit | undefined;
  for (const name of parts) {
    let unit: OrgUnit | undefined = await findChildByName(db, parent?.id ?? null, name);
    if (!unit && !parent && parts.length > 1) {
      const matches = await findOrgUnitsByName(db, name);
      if (matches.length === 1) unit = matches[0];
    }
    if (!unit) {
      if (!opts.create) throw new AppError('ORG_UNIT_NOT_FOUND', `找不到单位“${name}”`);
      unit = await insertOrgUnit(db, { parentId: parent?.id ?? null, code: `U${randomBytes(5).toString('hex')}`, name, kind: guessOrgKind(name) });
    }
    parent = unit;
  }
  return parent!;
}
