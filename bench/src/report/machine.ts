import { availableParallelism, cpus } from 'node:os';

/** One line naming where the numbers came from: cores, CPU model, Node version. */
export function describeMachine(): string {
  const model = cpus()[0]?.model.trim() ?? 'unknown CPU';
  return `${availableParallelism()} cores, ${model}, Node ${process.version}`;
}
