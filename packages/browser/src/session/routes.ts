/**
 * Matches a path against the route templates an app declares (`/products/:id`, `/docs/*`): a
 * `:name` segment matches any one segment, a final `*` the rest. Returns the first matching
 * template, or undefined — the template, never the URL, is what labels a metric.
 */
export function matchRoute(templates: readonly string[], pathname: string): string | undefined {
  const path = pathname.split('/').filter(Boolean);
  return templates.find((template) => {
    const parts = template.split('/').filter(Boolean);
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!;
      if (part === '*' && i === parts.length - 1) return true;
      if (i >= path.length || (part[0] !== ':' && part !== path[i])) return false;
    }
    return parts.length === path.length;
  });
}

/**
 * Calls `changed` after every single-page-app navigation: `history.pushState`, `replaceState` (when
 * the path changes) and `popstate`. The history methods are wrapped, not replaced: the originals
 * run first, and a failure of ours never reaches the app. Returns a function that unwraps them.
 */
export function watchRouteChanges(
  win: { history: History; location: Location } & EventTarget,
  changed: () => void,
): () => void {
  const history = win.history;
  let last = win.location.pathname;
  const check = () => {
    try {
      if (win.location.pathname === last) return;
      last = win.location.pathname;
      changed();
    } catch {}
  };
  const originals = { pushState: history.pushState, replaceState: history.replaceState };
  for (const name of ['pushState', 'replaceState'] as const) {
    const original = originals[name];
    history[name] = function (this: History, ...args: Parameters<History['pushState']>) {
      const result = original.apply(this, args);
      check();
      return result;
    };
  }
  win.addEventListener('popstate', check);
  return () => {
    history.pushState = originals.pushState;
    history.replaceState = originals.replaceState;
    win.removeEventListener('popstate', check);
  };
}
