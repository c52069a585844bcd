import { max, median } from 'simple-statistics';
import { INCIDENT_CLASSES, type Incident, type IncidentClass } from '../simulate/incidents.ts';
import type { Episode } from './timeline.ts';

/** An episode with whether its alert pages. */
export type ScoredEpisode = Episode & { readonly page: boolean };

/** How a rule set did on one incident. */
export interface Detection {
  readonly incident: Incident;
  /** Minutes from the incident's start to the first alert firing, or undefined when missed. */
  readonly minutes?: number;
  readonly firstAlert?: string;
}

/** How a rule set did on one class of incidents. */
export interface ClassScore {
  readonly class: IncidentClass;
  readonly detected: number;
  readonly total: number;
  readonly medianMinutes?: number;
  readonly worstMinutes?: number;
  /** The alerts that fired first, most frequent first. */
  readonly firstAlerts: readonly string[];
}

/** A rule set's score over the simulated weeks. */
export interface Score {
  readonly detections: readonly Detection[];
  readonly classes: readonly ClassScore[];
  /** Pages that started outside every incident and its grace period, one per alert name and overlap (one notification). */
  readonly falsePages: readonly ScoredEpisode[];
  readonly falseTickets: readonly ScoredEpisode[];
}

/** Seconds after an incident's end during which an alert still counts as detecting it. */
export const GRACE_SECONDS = 3600;

/** The time range an incident's detections may start in (from the start of its first minute). */
export function incidentWindow(i: Incident, startSeconds: number): { from: number; to: number } {
  const from = startSeconds + (i.startMinute - 1) * 60;
  return { from, to: from + i.minutes * 60 + GRACE_SECONDS };
}

/**
 * An alert that starts firing during an incident or the hour after it detects it, its time to
 * detect counted from the start of the incident's first minute; every other firing period is a
 * false alert. Several series of one alert firing at once are one notification (Alertmanager
 * groups by alert name), so they count once.
 */
export function score(
  episodes: readonly ScoredEpisode[],
  incidents: readonly Incident[],
  startSeconds: number,
): Score {
  const sorted = [...episodes].sort((a, b) => a.firingFrom - b.firingFrom);
  const detections = incidents.map((i): Detection => {
    const w = incidentWindow(i, startSeconds);
    const first = sorted.find((e) => e.firingFrom >= w.from && e.firingFrom <= w.to);
    return first
      ? { incident: i, minutes: (first.firingFrom - w.from) / 60, firstAlert: first.alert }
      : { incident: i };
  });
  const outside = sorted.filter(
    (e) =>
      !incidents.some((i) => {
        const w = incidentWindow(i, startSeconds);
        return e.firingFrom >= w.from && e.firingFrom <= w.to;
      }),
  );
  return {
    detections,
    classes: classScores(detections),
    falsePages: notifications(outside.filter((e) => e.page)),
    falseTickets: notifications(outside.filter((e) => !e.page)),
  };
}

function classScores(detections: readonly Detection[]): ClassScore[] {
  return INCIDENT_CLASSES.flatMap((cls) => {
    const of = detections.filter((d) => d.incident.class === cls);
    if (of.length === 0) return [];
    const minutes = of.flatMap((d) => (d.minutes === undefined ? [] : [d.minutes]));
    const counts = new Map<string, number>();
    for (const d of of) if (d.firstAlert) counts.set(d.firstAlert, (counts.get(d.firstAlert) ?? 0) + 1);
    return [
      {
        class: cls,
        detected: minutes.length,
        total: of.length,
        ...(minutes.length ? { medianMinutes: median(minutes), worstMinutes: max(minutes) } : {}),
        firstAlerts: [...counts].sort((a, b) => b[1] - a[1]).map(([a]) => a),
      },
    ];
  });
}

/** Episodes of one alert that overlap in time are one notification: keep the first of each. */
function notifications(episodes: readonly ScoredEpisode[]): ScoredEpisode[] {
  const out: ScoredEpisode[] = [];
  const openUntil = new Map<string, number>();
  for (const e of episodes) {
    const until = openUntil.get(e.alert);
    if (until === undefined || e.firingFrom > until) out.push(e);
    openUntil.set(e.alert, Math.max(until ?? 0, e.until));
  }
  return out;
}
