// `@bizmetrics/core/random`: the seeded random source of simulations, test data and benchmarks.
export { createRng, type Rng } from './random/rng.ts';
