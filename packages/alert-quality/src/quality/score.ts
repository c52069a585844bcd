import type { Incident } from '../simulate/incidents.ts';
import type { Episode } from './timeline.ts';

/** How a rule set did on one incident. */
export interface Detection {
  readonly incident: string;
  /** Minutes from the incident's start to the first alert firing, or undefined when missed. */
  readonly minutes?: number;
  readonly firstAlert?: string;
  /** An alert that was already firing when the incident began (noise, not a detection). */
  readonly alreadyFiring?: string;
}

/** A rule set's score over the simulated weeks. */
export interface Score {
  readonly detections: readonly Detection[];
  /** Firing episodes that overlap no incident (plus a grace period): pages for nothing. */
  readonly falseAlerts: readonly Episode[];
}

/**
 * An alert that starts firing during an incident or `graceMinutes` after it is a detection; one
 * already firing when the incident began is not (it fired for something else). Every firing
 * period that does not start in an incident window is a false alert.
 */
export function score(
  episodes: readonly Episode[],
  incidents: readonly Incident[],
  startSeconds: number,
  graceMinutes = 60,
): Score {
  const windowOf = (i: Incident) => ({
    from: startSeconds + i.startMinute * 60,
    to: startSeconds + (i.startMinute + i.minutes + graceMinutes) * 60,
  });
  const detections = incidents.map((i): Detection => {
    const w = windowOf(i);
    const first = episodes.find((e) => e.firingFrom >= w.from && e.firingFrom <= w.to);
    if (first)
      return { incident: i.name, minutes: (first.firingFrom - w.from) / 60, firstAlert: first.alert };
    const before = episodes.find((e) => e.firingFrom < w.from && e.until >= w.from);
    return before ? { incident: i.name, alreadyFiring: before.alert } : { incident: i.name };
  });
  const falseAlerts = episodes.filter(
    (e) =>
      !incidents.some((i) => {
        const w = windowOf(i);
        return e.firingFrom >= w.from && e.firingFrom <= w.to;
      }),
  );
  return { detections, falseAlerts };
}
