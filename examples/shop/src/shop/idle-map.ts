/** A map whose entries expire when untouched for `idleMs`; `onExpire` runs for each (e.g. to record an abandonment). */
export interface IdleMap<V> {
  add(id: string, value: V): void;
  /** The value, marked as just used; undefined when unknown or expired. */
  touch(id: string): V | undefined;
  delete(id: string): V | undefined;
  /** Expires everything idle at `now`; returns how many expired. */
  sweep(now?: number): number;
  /** Expires everything (at shutdown). */
  clear(): void;
  readonly size: number;
}

/** Creates an {@link IdleMap}; call `sweep()` periodically. */
export function createIdleMap<V>(idleMs: number, onExpire: (value: V) => void): IdleMap<V> {
  const entries = new Map<string, { value: V; at: number }>();
  return {
    add(id, value) {
      entries.set(id, { value, at: Date.now() });
    },
    touch(id) {
      const e = entries.get(id);
      if (!e) return undefined;
      entries.delete(id); // keep insertion order = least recently used first
      e.at = Date.now();
      entries.set(id, e);
      return e.value;
    },
    delete(id) {
      const e = entries.get(id);
      entries.delete(id);
      return e?.value;
    },
    sweep(now = Date.now()) {
      let n = 0;
      for (const [id, e] of entries) {
        if (now - e.at < idleMs) break;
        entries.delete(id);
        onExpire(e.value);
        n++;
      }
      return n;
    },
    clear() {
      for (const e of entries.values()) onExpire(e.value);
      entries.clear();
    },
    get size() {
      return entries.size;
    },
  };
}
