import { onCLS, onFCP, onINP, onLCP, onTTFB } from 'web-vitals';

/** The vitals the SDK records, with their values in the catalog's units (seconds; CLS a score). */
export type VitalName = 'lcp' | 'inp' | 'cls' | 'fcp' | 'ttfb';

/**
 * Observes the Core Web Vitals (LCP, INP, CLS) and FCP, TTFB with Google's maintained `web-vitals`
 * library (its standard build, ~2 KB): each is reported once per page visit as the library finalises
 * it (LCP, INP and CLS when the page is hidden), converted from milliseconds to seconds. Must be
 * called before the lifecycle listeners that flush on hide, so those listeners run after its own.
 */
export function watchWebVitals(record: (name: VitalName, value: number) => void): void {
  onLCP((m) => record('lcp', m.value / 1000));
  onINP((m) => record('inp', m.value / 1000));
  onCLS((m) => record('cls', m.value));
  onFCP((m) => record('fcp', m.value / 1000));
  onTTFB((m) => record('ttfb', m.value / 1000));
}
