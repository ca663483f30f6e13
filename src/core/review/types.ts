import type { ReviewLabel } from './precision.js';

/** One flagged output waiting for (or holding) a person's verdict. Text is read from the event. */
export interface ReviewItem {
  id: number;
  eventId: string;
  deployment: string;
  eventMs: number;
  rules: string[];
  reasons: string[];
  maxScore: number;
  createdMs: number;
  status: 'pending' | 'labeled';
  label: ReviewLabel | null;
  note: string | null;
  labeledBy: string | null;
  labeledMs: number | null;
}
