import type { AlertDef } from '../kpi/alert.ts';
import { BASELINE_LABEL } from './baseline-rules.ts';
import { costWords, currenciesByExponent } from './cost-rules.ts';

/**
 * A Go template that runs `query` on a recorded series narrowed to the alert's labels (and followed
 * by `suffix`, PromQL such as ` / 100`) and renders `body` with the first sample as `.`; nothing
 * when the query returns nothing.
 */
export function queryTemplate(
  record: string,
  by: readonly string[],
  body: string,
  suffix?: { text: string; arg: string },
): string {
  const matchers = by.length ? `{${by.map((l) => `${l}=%q`).join(', ')}}` : '';
  const args = [...by.map((l) => `$labels.${l}`), ...(suffix ? [suffix.arg] : [])];
  const format = `${record}${matchers}${suffix?.text ?? ''}`;
  const q = args.length
    ? `printf ${JSON.stringify(format)} ${args.join(' ')} | query`
    : `query ${JSON.stringify(format)}`;
  return `{{ with ${q} }}{{ with . | first }}${body}{{ end }}{{ end }}`;
}

/**
 * The annotations every KPI alert gets from its records: `baseline`, the usual value and the tier
 * of history it came from; `impact`, what the alert costs per minute against it (money in the
 * currency's major unit, so on-call reads "≈ 1.24k EUR per minute below the usual").
 */
export function baselineAnnotations(
  def: AlertDef,
  baselineRecord: string,
  costRecord: string,
  by: readonly string[],
): Record<string, string> {
  const fmt = def.kpi.unit === 'ratio' ? 'humanizePercentage' : 'humanize';
  const words = costWords(def);
  const body = `${words.before}{{ . | value | humanize }}${words.after}`;
  return {
    baseline: queryTemplate(
      baselineRecord,
      by,
      `{{ . | value | ${fmt} }} ({{ . | label ${JSON.stringify(BASELINE_LABEL)} }})`,
    ),
    impact: words.money
      ? `${divisorTemplate()}${queryTemplate(costRecord, by, body, { text: ' / %s', arg: '$divisor' })}`
      : queryTemplate(costRecord, by, body),
  };
}

/** Sets `$divisor` to 10^exponent of the alert's currency (100 unless the ISO 4217 table says otherwise). */
function divisorTemplate(): string {
  const branches = [...currenciesByExponent()]
    .sort(([a], [b]) => a - b)
    .map(
      ([exp, codes]) =>
        `if match "^(${codes.join('|')})$" $labels.currency }}{{ $divisor = "${10 ** exp}" }}`,
    );
  return `{{ $divisor := "100" }}{{ ${branches.join('{{ else ')}{{ end }}`;
}
