/**
 * The one never-throw wrapper (contract 3). Every public recording call of core, the browser SDK and
 * the gateway goes through it: in production mode whatever goes wrong below is handed to `onError`
 * (which counts and logs it) and the caller carries on; strict mode lets the error through.
 */
export function neverThrow<A = undefined, B = undefined, C = undefined>(
  strict: boolean,
  onError: (error: unknown) => void,
  fn: (a: A, b: B, c: C) => void,
): (a: A, b?: B, c?: C) => void {
  if (strict) return fn as (a: A, b?: B, c?: C) => void;
  // Fixed arity (no rest/spread): this wrapper is on every call's hot path.
  return (a, b, c) => {
    try {
      fn(a, b as B, c as C);
    } catch (error) {
      ignoreErrors(() => onError(error));
    }
  };
}

/** Runs a side effect that must not break the host (a logger, a diagnostic), swallowing what it throws. */
export function ignoreErrors(fn: () => void): void {
  try {
    fn();
  } catch {
    // A broken logger or diagnostic must not break the host either.
  }
}

/**
 * Describes any caller-supplied value for a diagnostic without ever throwing: `String()` throws on
 * objects without a prototype and on hostile `toString`s, which arbitrary input can be.
 */
export function describeInput(raw: unknown): string {
  if (raw === null) return 'null';
  if (raw === undefined) return 'undefined';
  if (Array.isArray(raw)) return 'an array';
  switch (typeof raw) {
    case 'string':
      return JSON.stringify(raw.length > 40 ? `${raw.slice(0, 40)}…` : raw);
    case 'number':
    case 'boolean':
    case 'bigint':
      return `${typeof raw} ${String(raw)}`;
    default:
      return typeof raw === 'object' ? 'an object' : `a ${typeof raw}`;
  }
}

/** True for anything a `for…of` can walk without throwing at the start. */
export function isIterable(value: unknown): value is Iterable<unknown> {
  return (
    typeof (value as { [Symbol.iterator]?: unknown } | null | undefined)?.[Symbol.iterator] === 'function'
  );
}
