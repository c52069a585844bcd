import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

let ticksPerSecond: number | undefined;

/** Clock ticks per second of `/proc/<pid>/stat` times (`getconf CLK_TCK`, 100 on Linux). */
export function clockTicks(): number {
  ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
  if (!(ticksPerSecond > 0)) throw new Error('getconf CLK_TCK gave no tick rate');
  return ticksPerSecond;
}

/**
 * CPU seconds a process has used so far, user + system, over all its threads (`/proc/<pid>/stat`
 * fields 14 and 15). A figure per CPU-second is a figure per core, whatever else runs on the machine.
 */
export function processCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // "pid (comm) state ppid …": comm may hold spaces; the field after ")" is field 3 (state).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / clockTicks();
}
