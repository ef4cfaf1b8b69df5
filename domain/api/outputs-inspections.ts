import type { Instant } from '../time.ts';

export interface RecommendationView {
  recommendationId: string;
  text: string;
  responseDue: Instant;
  responses: { text: string; at: Instant; seq: number }[];
  overdue: boolean;
  seq: number;
}

export interface VisitView {
  visitId: string;
  body: string;
  inspectors: string[];
  startedAt: Instant;
  endedAt: Instant | null;
  note: string;
  recommendations: RecommendationView[];
  seq: number;
}

export interface InspectionsView {
  at: Instant;
  visits: VisitView[];
  overdue: number;
}
