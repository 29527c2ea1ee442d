/**
 * The content a closure approves (销号审批表), frozen at 销号: what the subject was (problem, goal, measures,
 * milestones, indicator values), the evidence with its hashes as applied with, and each step's opinion with who and
 * when. Plain data: the closure stores it as JSON and the exporter prints it.
 */
export interface ApprovedContent {
  subject: { label: string; unitName: string; code: string | null; problem: string | null; goal: string | null; deadline: string | null; statusText: string | null };
  measures: { ordinal: number | null; text: string; items: string[] }[];
  milestones: { title: string; dueDate: string; doneDate: string | null }[];
  indicators: { name: string; unit: string | null; comparator: string; target: number; value: number | null; asOf: string | null }[];
  evidence: { id: number; name: string; sha256: string; size: number | null }[];
  longTermMechanism: string | null;
  notice: { start: string | null; end: string | null };
  objections: { receivedAt: string; content: string; answer: string | null; upheld: boolean | null }[];
  opinions: { step: string; label: string; actorName: string | null; at: string; decision: string | null; comment: string | null }[];
  closedOn: string;
}

/** The subject part of the content, as its adapter reads it. */
export type SubjectContent = Pick<ApprovedContent, 'subject' | 'measures' | 'milestones' | 'indicators'>;
