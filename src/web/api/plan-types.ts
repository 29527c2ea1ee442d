/** Plans (整改方案) as GET /api/plans presents them; inspections and tasks are in types.ts. */
import type { AcceptanceLevel } from '../../core/settings';

export interface Plan {
  id: number;
  inspectionId: number;
  ownerOrgId: number;
  ownerOrgName: string;
  title: string;
  issuedDate: string | null;
  dueDate: string | null;
  taskCount: number;
  /** The levels that accept in turn; null: the inspection's chain, else the setting. */
  acceptanceChain: AcceptanceLevel[] | null;
  version: number;
}
