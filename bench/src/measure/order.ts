import { createRng } from '@bizmetrics/core/random';

/**
 * The order of one round: a shuffle seeded by the round number (mulberry32), so every task follows
 * every other about equally often and reruns repeat the same orders. A plain rotation would keep
 * each task behind the same neighbour, which then pays for that neighbour's garbage every round.
 */
export function roundOrder<T>(items: readonly T[], round: number): T[] {
  return createRng((round + 1) * 0x9e3779b9).shuffle(items);
}
