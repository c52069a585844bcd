/** The parts of a location a route pattern is computed from. */
export interface RouteLocation {
  readonly pathname: string;
  readonly search?: string;
  readonly hash?: string;
}

/** Turns a location into a bounded route pattern such as `/orders/:id`; never a raw URL. */
export type RoutePattern = (location: RouteLocation) => string;

const NUMERIC = /^\d+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Long hex or base64-ish tokens (hashes, object ids, slugs with ids): at least 16 chars with a digit. */
const TOKEN = /^(?=.*\d)[A-Za-z0-9_-]{16,}$/;
const MAX_SEGMENTS = 6;
const MAX_LENGTH = 60;

/**
 * The default route pattern: drops query string and hash, replaces numeric, uuid-like and long
 * token segments with `:id`, keeps at most six segments and 60 characters, so a label value never
 * carries an identifier (contract 4). Apps with a router should pass the router's own pattern.
 */
export function defaultRoutePattern(location: RouteLocation): string {
  const segments = location.pathname
    .split('/')
    .filter((s) => s.length > 0)
    .slice(0, MAX_SEGMENTS)
    .map((s) => (isIdLike(safeDecode(s)) ? ':id' : safeDecode(s).toLowerCase()));
  const path = `/${segments.join('/')}`;
  return path.length > MAX_LENGTH ? path.slice(0, MAX_LENGTH) : path;
}

function isIdLike(segment: string): boolean {
  return NUMERIC.test(segment) || UUID.test(segment) || TOKEN.test(segment) || segment.includes('@');
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
