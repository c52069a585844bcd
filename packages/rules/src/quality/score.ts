import type { Incident } from '../simulate/incidents.ts';
import type { Episode } from './timeline.ts';

/** How a rule set did on one incident. */
export interface Detection {
  readonly incident: string;
  /** Minutes from the incident's start to the first alert firing, or undefined when missed. */
  readonly minutes?: number;
  readonly firstAlert?: string;
}

/** A rule set's score over the simulated weeks. */
export interface Score {
  readonly detections: readonly Detection[];
  /** Firing episodes that overlap no incident (plus a grace period): pages for nothing. */
  readonly falseAlerts: readonly Episode[];
}

/** Alerts firing within an incident or `graceMinutes` after it count as detections; others are false. */
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
  const detections = incidents.map((i) => {
    const w = windowOf(i);
    const first = episodes.find((e) => e.until >= w.from && e.firingFrom <= w.to);
    if (!first) return { incident: i.name };
    return {
      incident: i.name,
      minutes: Math.max(0, (first.firingFrom - w.from) / 60),
      firstAlert: first.alert,
    };
  });
  const falseAlerts = episodes.filter(
    (e) =>
      !incidents.some((i) => {
        const w = windowOf(i);
        return e.until >= w.from && e.firingFrom <= w.to;
      }),
  );
  return { detections, falseAlerts };
}
