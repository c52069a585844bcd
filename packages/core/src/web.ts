// `@bizmetrics/core/web`: the browser's page metrics (page views, web vitals), for the browser SDK
// that records them and the gateway that accepts them.
export { webCatalog } from './catalog/web.ts';
