import { collectGarbage } from './heap.ts';
import { roundOrder } from './order.ts';
import { median } from './stats.ts';

/** Something timed: `run(n)` does n units of work. */
export interface Task {
  readonly name: string;
  run(n: number): void;
}

/** Median ns per unit for each task, and the median of the per-round ratios between tasks. */
export interface InterleavedResult {
  readonly nsPerOp: ReadonlyMap<string, number>;
  /** Median over rounds of `a / b`, paired within each round so shared-machine noise cancels. */
  ratio(a: string, b: string): number;
}

/**
 * Runs tasks in interleaved rounds (A B C, C A B, B C A, … in a seeded shuffled order), each batch
 * after a full GC so no task pays for another's garbage; discards the warm-up rounds and keeps one
 * ns/op sample per task per round.
 */
export function interleave(
  tasks: readonly Task[],
  options: { readonly rounds: number; readonly warmupRounds: number; readonly batch: number },
): InterleavedResult {
  const samples = new Map<string, number[]>(tasks.map((t) => [t.name, []]));
  for (let round = 0; round < options.warmupRounds + options.rounds; round++) {
    for (const task of roundOrder(tasks, round)) {
      collectGarbage();
      const start = process.hrtime.bigint();
      task.run(options.batch);
      const ns = Number(process.hrtime.bigint() - start);
      if (round >= options.warmupRounds) samples.get(task.name)!.push(ns / options.batch);
    }
  }
  return {
    nsPerOp: new Map([...samples].map(([name, s]) => [name, median(s)])),
    ratio(a, b) {
      const sa = samples.get(a)!;
      const sb = samples.get(b)!;
      return median(sa.map((x, i) => x / sb[i]!));
    },
  };
}
