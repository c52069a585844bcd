import type { AlertDef } from '../kpi/alert.ts';
import type { RulesConfig } from '../kpi/config.ts';
import { durationSeconds } from '../kpi/window.ts';

const SNAKE = /^[a-z][a-z0-9_]*$/;
const PASCAL = /^[A-Z][A-Za-z0-9]*$/;

/** Thrown for a config the type checker could not catch (names, windows, duplicates). */
export class RulesConfigError extends Error {
  override name = 'RulesConfigError';
}

/** Checks what types cannot: name syntax, durations, duplicate names, alerts on unlisted KPIs. */
export function validateConfig(config: RulesConfig): void {
  const fail = (why: string): never => {
    throw new RulesConfigError(why);
  };
  if (!SNAKE.test(config.name)) fail(`config name "${config.name}" must be snake_case`);
  const names = new Set<string>();
  for (const k of config.kpis) {
    if (!SNAKE.test(k.name)) fail(`KPI name "${k.name}" must be snake_case`);
    // Same name at another level (`by`) is fine: the recording rule names still differ.
    const key = `${k.by.join('_')}:${k.name}:${k.kind === 'quantile' ? k.quantile : ''}`;
    if (names.has(key)) fail(`two KPIs are named "${k.name}" with the same labels (${k.by.join(', ')})`);
    names.add(key);
    if (k.windows.length === 0) fail(`KPI "${k.name}" records no window`);
    for (const w of k.windows) checkDuration(w, `KPI "${k.name}" window`, fail);
    if (k.kind === 'quantile' && !(k.quantile > 0 && k.quantile < 1))
      fail(`KPI "${k.name}": quantile must be between 0 and 1, got ${k.quantile}`);
    if (k.kind === 'comparison' && !(config.kpis.includes(k.of) && k.of.windows.includes(k.window)))
      fail(`KPI "${k.name}" compares "${k.of.name}" at ${k.window}: list that KPI with that window in kpis`);
  }
  for (const a of config.alerts) {
    if (!PASCAL.test(a.name)) fail(`alert name "${a.name}" must be PascalCase`);
    if (!config.kpis.includes(a.kpi))
      fail(`alert "${a.name}" watches KPI "${a.kpi.name}", which is not in kpis`);
    if (!a.kpi.windows.includes(a.window))
      fail(`alert "${a.name}": KPI "${a.kpi.name}" records ${a.kpi.windows.join(', ')}, not ${a.window}`);
    checkDuration(a.for, `alert "${a.name}" for`, fail);
    checkBaseline(a, fail);
  }
}

/** A baseline that cannot work: a guard that guards nothing, a window the history cannot cover, a factor that cannot trip. */
function checkBaseline(a: AlertDef, fail: (why: string) => never): void {
  const at = `alert "${a.name}" on KPI "${a.kpi.name}"`;
  if (a.guard && !(Number.isFinite(a.guard.min) && a.guard.min > 0))
    fail(
      `${at}: guard.min must be a number above 0 (events the baseline saw in the window), got ${a.guard.min}`,
    );
  const c = a.condition;
  const history =
    'offset' in c
      ? ['condition.offset', c.offset]
      : 'averageOver' in c
        ? ['condition.averageOver', c.averageOver]
        : undefined;
  if (history) {
    checkDuration(history[1]!, `${at} ${history[0]}`, fail);
    if (durationSeconds(a.window) >= durationSeconds(history[1]!))
      fail(
        `${at}: window ${a.window} is not shorter than ${history[0]} ${history[1]}, so the baseline would overlap the present; use a shorter window or a longer ${history[0]}`,
      );
  }
  if ('factor' in c) {
    const ok = c.op === '<' ? c.factor > 0 && c.factor < 1 : c.factor > 1;
    if (!ok)
      fail(
        `${at}: condition.factor ${c.factor} can never trip a '${c.op}' alert; use ${c.op === '<' ? 'a number between 0 and 1' : 'a number above 1'}`,
      );
  }
}

function checkDuration(d: string, what: string, fail: (why: string) => never): void {
  try {
    durationSeconds(d);
  } catch {
    fail(`${what} "${d}" is not a duration like 5m, 1h or 1w`);
  }
}
