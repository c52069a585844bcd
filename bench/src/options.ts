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
  /**
   * Requests (100 points each, 8 in flight) every throughput contender gets per round, rounded up
   * to whole batch-processor sends (82 requests) so no burst waits for the batch timeout.
   */
  readonly throughputRequests: number;
  /** Throughput rounds over all contenders, in seeded shuffled order; medians are reported. */
  readonly throughputRounds: number;
  /** Unmeasured requests per contender before the first round. */
  readonly throughputWarmup: number;
  /** Series of the SDK export whose CPU time is reported per 1,000 series. */
  readonly exportSeries: number;
  /** Interleaved repetitions of that export. */
  readonly exportRepeats: number;
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
  throughputRequests: 2_000,
  throughputRounds: 3,
  throughputWarmup: 300,
  exportSeries: 10_000,
  exportRepeats: 15,
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
  throughputRequests: 150,
  throughputRounds: 1,
  throughputWarmup: 50,
  exportSeries: 1_000,
  exportRepeats: 3,
};
