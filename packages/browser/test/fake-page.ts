import type { PageTargets } from '../src/index.ts';

/** A page stand-in for Node: real EventTargets, a settable visibility and location. */
export interface FakePage extends PageTargets {
  location: { pathname: string; search: string; hash: string };
  visibilityState: 'visible' | 'hidden';
  /** Sets the visibility and dispatches `visibilitychange`, as a browser does. */
  setVisibility(state: 'visible' | 'hidden'): void;
  dispatch(type: string, on?: 'window' | 'document'): void;
}

/** Creates a visible fake page at `pathname`. */
export function createFakePage(pathname = '/'): FakePage {
  const win = new EventTarget();
  const doc = new EventTarget() as EventTarget & { visibilityState: string };
  const page: FakePage = {
    window: win,
    document: doc,
    location: { pathname, search: '', hash: '' },
    visibilityState: 'visible',
    setVisibility(state) {
      page.visibilityState = state;
      doc.dispatchEvent(new Event('visibilitychange'));
    },
    dispatch(type, on = 'window') {
      (on === 'window' ? win : doc).dispatchEvent(new Event(type));
    },
  };
  Object.defineProperty(doc, 'visibilityState', { get: () => page.visibilityState });
  return page;
}
