/** How much work each section does; `quick` is the CI smoke run, `full` the recorded one. */
export interface BenchOptions {
  readonly quick: boolean;
  /** Interleaved rounds per hot-path event after warm-up; the median is reported. */
  readonly rounds: number;
  readonly warmupRounds: number;
  /** Events recorded per contender per round. */
  readonly batch: number;
  /** Series counts for the collection section. */
  readonly seriesCounts: readonly number[];
  /** Least interleaved repetitions of each collection. */
  readonly collectionRepeats: number;
  /** Series collected per output in total: small counts repeat more, up to this many series. */
  readonly collectionWork: number;
  /** Series held for the bytes-per-series figure. */
  readonly memorySeries: number;
  /** Distinct values flooded through the business API and raw OTel. */
  readonly floodValues: number;
  /** Distinct values flooded into prom-client, which keeps every one. */
  readonly promFloodValues: number;
}

/** The recorded run: well under ten minutes on two cores. */
export const FULL: BenchOptions = {
  quick: false,
  rounds: 30,
  warmupRounds: 5,
  batch: 40_000,
  seriesCounts: [1_000, 10_000, 100_000],
  collectionRepeats: 9,
  collectionWork: 100_000,
  memorySeries: 20_000,
  floodValues: 1_000_000,
  promFloodValues: 100_000,
};

/** The CI smoke run: every row, small counts, a few seconds. */
export const QUICK: BenchOptions = {
  quick: true,
  rounds: 5,
  warmupRounds: 2,
  batch: 4_000,
  seriesCounts: [1_000],
  collectionRepeats: 2,
  collectionWork: 10_000,
  memorySeries: 10_000,
  floodValues: 20_000,
  promFloodValues: 5_000,
};
