import type { BoundaryStatus } from './section-graph.js';

/**
 * One palette for every format, so that a violation looks the same in a README's Mermaid and in
 * the SVG: amber for the accepted (recorded in sections.boundaries.json), red for new ones.
 */
export const VIOLATION_STYLE = {
  accepted: { className: 'acceptedViolation', fill: '#fef3c7', stroke: '#b45309', width: 2, label: 'accepted' },
  new: { className: 'newViolation', fill: '#fee2e2', stroke: '#dc2626', width: 3, label: 'new' },
} as const satisfies Record<Exclude<BoundaryStatus, 'none'>, unknown>;

/** A table with a new violating key shows as new even when another of its keys is accepted. */
export function worstStatus(statuses: readonly BoundaryStatus[]): BoundaryStatus {
  return statuses.includes('new') ? 'new' : statuses.includes('accepted') ? 'accepted' : 'none';
}
