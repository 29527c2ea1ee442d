/** A round's line for one share (its report's state), as the round page lists it and the batch review bar acts on it. */
export type EntryState = 'missing' | 'awaiting_review' | 'returned' | 'accepted';
export interface Entry { assignmentId: number; taskCode: string; problem: string; orgUnitName: string; state: EntryState; isLate: boolean; submittedLate: boolean; submittedAt: string | null; reportId: number | null; reportVersion: number | null }
