import { defineMetric } from './define.ts';

/** One app-declared route template label (`/products/:id`), never a URL. */
const ROUTE = { route: { maxLength: 60 } };

/**
 * What the browser measures about the page itself: page views (initial loads and single-page-app
 * route changes) and the Core Web Vitals with FCP and TTFB, as histograms labelled only by the
 * route template the app declares. Bucket bounds include Google's good/poor thresholds (LCP 2.5 /
 * 4 s, INP 0.2 / 0.5 s, CLS 0.1 / 0.25, FCP 1.8 / 3 s, TTFB 0.8 / 1.8 s), so "share of good page
 * loads" is exact in PromQL (`le="2.5"` over `_count`). Names keep every path identical
 * (contract 1): seconds in the name with unit `s`; CLS is a score with a curly-brace unit.
 */
export const webCatalog = {
  pageViews: defineMetric({
    kind: 'counter',
    name: 'browser.page.views',
    unit: '{view}',
    description:
      'Page views in browsers: initial page loads and single-page-app route changes, by route template.',
    owner: 'web',
    labels: ROUTE,
    seriesLimit: 200,
  }),
  lcp: defineMetric({
    kind: 'histogram',
    name: 'browser.lcp.seconds',
    unit: 's',
    value: 'duration',
    description: 'Largest Contentful Paint of page loads, by route template.',
    owner: 'web',
    labels: ROUTE,
    buckets: [0.5, 1, 1.5, 2, 2.5, 3, 4, 6, 10, 20],
    seriesLimit: 200,
  }),
  inp: defineMetric({
    kind: 'histogram',
    name: 'browser.inp.seconds',
    unit: 's',
    value: 'duration',
    description: 'Interaction to Next Paint of page visits, by route template.',
    owner: 'web',
    labels: ROUTE,
    buckets: [0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 2, 5],
    seriesLimit: 200,
  }),
  cls: defineMetric({
    kind: 'histogram',
    name: 'browser.cls',
    unit: '{score}',
    value: 'number',
    description: 'Cumulative Layout Shift score of page visits, by route template.',
    owner: 'web',
    labels: ROUTE,
    buckets: [0.01, 0.05, 0.1, 0.15, 0.25, 0.5, 1, 2],
    seriesLimit: 200,
  }),
  fcp: defineMetric({
    kind: 'histogram',
    name: 'browser.fcp.seconds',
    unit: 's',
    value: 'duration',
    description: 'First Contentful Paint of page loads, by route template.',
    owner: 'web',
    labels: ROUTE,
    buckets: [0.5, 1, 1.8, 2.5, 3, 4, 6, 10, 20],
    seriesLimit: 200,
  }),
  ttfb: defineMetric({
    kind: 'histogram',
    name: 'browser.ttfb.seconds',
    unit: 's',
    value: 'duration',
    description: 'Time to First Byte of page loads, by route template.',
    owner: 'web',
    labels: ROUTE,
    buckets: [0.1, 0.2, 0.4, 0.8, 1.2, 1.8, 3, 5, 10],
    seriesLimit: 200,
  }),
} as const;
