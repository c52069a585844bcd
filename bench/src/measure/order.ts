/**
 * The order of one round: a shuffle seeded by the round number (mulberry32), so every task follows
 * every other about equally often and reruns repeat the same orders. A plain rotation would keep
 * each task behind the same neighbour, which then pays for that neighbour's garbage every round.
 */
export function roundOrder<T>(items: readonly T[], round: number): T[] {
  let seed = (round + 1) * 0x9e3779b9;
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
