/** The page objects lifecycle tracking listens on: `window` and `document` in a browser. */
export interface PageTargets {
  readonly window: EventTarget;
  readonly document: EventTarget & { readonly visibilityState: DocumentVisibilityState | string };
}

/** What the page lifecycle drives. */
export interface LifecycleHandlers {
  /** A user interaction. */
  activity(): void;
  /** The page was hidden or is being unloaded: send what is pending (the session goes on). */
  hidden(): void;
  /** The page became visible again. */
  visible(): void;
}

const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'scroll', 'touchstart'] as const;

/**
 * Listens to the page lifecycle: interactions are activity; `visibilitychange` → hidden and
 * `pagehide` (the last events a page reliably gets) are `hidden`; → visible is `visible`.
 * Listeners are passive and never throw. Returns a function that removes them.
 */
export function watchPageLifecycle(targets: PageTargets, handlers: LifecycleHandlers): () => void {
  const onActivity = () => safely(handlers.activity);
  const onHidden = () => safely(handlers.hidden);
  const onVisibility = () =>
    targets.document.visibilityState === 'hidden' ? onHidden() : safely(handlers.visible);
  const opts = { capture: true, passive: true } as const;
  for (const type of ACTIVITY_EVENTS) targets.window.addEventListener(type, onActivity, opts);
  targets.document.addEventListener('visibilitychange', onVisibility, opts);
  targets.window.addEventListener('pagehide', onHidden, opts);
  return () => {
    for (const type of ACTIVITY_EVENTS) targets.window.removeEventListener(type, onActivity, opts);
    targets.document.removeEventListener('visibilitychange', onVisibility, opts);
    targets.window.removeEventListener('pagehide', onHidden, opts);
  };
}

function safely(fn: () => void): void {
  try {
    fn();
  } catch {
    // Never throw into the page's event dispatch.
  }
}
