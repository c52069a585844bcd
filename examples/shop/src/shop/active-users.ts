import type { ActiveUsersReading } from '@bizmetrics/core';

const WINDOWS = { daily: 86_400_000, weekly: 7 * 86_400_000, monthly: 30 * 86_400_000 } as const;

/** Distinct users seen per window and tier, read by the active-users gauge at each collection. */
export interface ActiveUsers {
  seen(userId: string, tier: string, at?: number): void;
  readings(at?: number): ActiveUsersReading[];
}

/** Tracks users by last visit; at most `maxUsers` are kept (the least recent are forgotten first). */
export function createActiveUsers(maxUsers = 200_000): ActiveUsers {
  const lastSeen = new Map<string, { tier: string; at: number }>();
  return {
    seen(userId, tier, at = Date.now()) {
      lastSeen.delete(userId); // re-insert so Map order stays least-recent first
      lastSeen.set(userId, { tier, at });
      if (lastSeen.size > maxUsers) lastSeen.delete(lastSeen.keys().next().value!);
    },
    readings(at = Date.now()) {
      const counts = new Map<string, number>();
      for (const { tier, at: t } of lastSeen.values())
        for (const [window, ms] of Object.entries(WINDOWS))
          if (at - t <= ms) counts.set(`${window}|${tier}`, (counts.get(`${window}|${tier}`) ?? 0) + 1);
      return [...counts].map(([key, count]) => {
        const [window, user_tier] = key.split('|') as [ActiveUsersReading['window'], string];
        return { window, user_tier, count };
      });
    },
  };
}
