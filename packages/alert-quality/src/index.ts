export { createRng, type Rng } from '@bizmetrics/core/random';
export {
  type AlertQuality,
  type AlertQualityOptions,
  HISTORY_WEEKS,
  measureAlertQuality,
} from './quality/alert-quality.ts';
export { type ClassScore, type Detection, type Score, score } from './quality/score.ts';
export { qualityTable } from './quality/table.ts';
export {
  DEFAULT_HOLIDAYS,
  DEFAULT_INCIDENTS,
  type Effect,
  type Holiday,
  INCIDENT_CLASSES,
  type Incident,
  type IncidentClass,
} from './simulate/incidents.ts';
export { type SimSeries, simulateShop } from './simulate/shop.ts';
