import { randomUUID } from 'node:crypto';
import type { BizMetrics } from '@bizmetrics/core';
import { type Request, type Response, Router } from 'express';
import { createActiveUsers } from './active-users.ts';
import { shopCatalog } from './catalog.ts';
import type { ShopState } from './state.ts';

interface Session {
  readonly userId: string;
  readonly tier: string;
  readonly newUser: boolean;
  readonly entryPage: string;
  readonly startedAt: number;
}

/**
 * The engagement API: `POST /sessions` starts a session, `/:id/features` records a feature use
 * (503 for new users during engagement-drop), `/:id/milestones` a milestone, `/:id/end` ends it.
 * Active users per window and tier are reported through the active-users callback.
 */
export function engagementRouter(biz: BizMetrics, state: ShopState): Router {
  const active = biz.upDown(shopCatalog.activeSessions);
  const activeUsers = createActiveUsers();
  biz.onActiveUsers(() => activeUsers.readings());
  const end = (s: Session) => {
    biz.sessionEnded({ user_tier: s.tier, entry_page: s.entryPage, startedAt: s.startedAt });
    active.add(-1, { user_tier: s.tier });
  };
  const sessions = state.idleMap<Session>(end);
  const router = Router();

  const find = (req: Request, res: Response): Session | undefined => {
    const s = sessions.touch(String(req.params['id']));
    if (!s) res.status(404).json({ error: 'unknown or expired session' });
    return s;
  };

  router.post('/', (req, res) => {
    const b = req.body ?? {};
    const session: Session = {
      userId: String(b.userId ?? randomUUID()),
      tier: String(b.tier ?? 'free'),
      newUser: b.newUser === true,
      entryPage: String(b.entryPage ?? '/'),
      startedAt: Date.now(),
    };
    const id = randomUUID();
    sessions.add(id, session);
    activeUsers.seen(session.userId, session.tier);
    biz.sessionStarted({ user_tier: session.tier, entry_page: session.entryPage });
    active.add(1, { user_tier: session.tier });
    res.status(201).json({ id });
  });

  router.post('/:id/features', (req, res) => {
    const s = find(req, res);
    if (!s) return;
    if (s.newUser && state.incident()?.newUserFeaturesDown) {
      res.status(503).json({ error: 'onboarding service unavailable' });
      return;
    }
    biz.featureUsed({ feature: String(req.body?.feature), user_tier: s.tier, new_user: String(s.newUser) });
    res.status(204).end();
  });

  router.post('/:id/milestones', (req, res) => {
    const s = find(req, res);
    if (!s) return;
    biz.milestone({ milestone: String(req.body?.milestone), user_tier: s.tier });
    res.status(204).end();
  });

  router.post('/:id/end', (req, res) => {
    const s = sessions.delete(String(req.params['id']));
    if (s) end(s);
    res.status(s ? 204 : 404).end();
  });

  return router;
}
