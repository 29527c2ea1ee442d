/** Plans (整改方案) as GET /api/plans presents them; inspections and tasks are in types.ts. */
export interface Plan {
  id: number;
  inspectionId: number;
  ownerOrgId: number;
  ownerOrgName: string;
  title: string;
  issuedDate: string | null;
  dueDate: string | null;
  taskCount: number;
  version: number;
}
