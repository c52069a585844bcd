import type { Kpi } from '../kpi/kpi.ts';

/**
 * Recording rule name by the Prometheus convention `level:metric:operations`: the level is the
 * labels kept (`all` when none), the metric part is the KPI name (a KPI combines several series),
 * the operations say how the value was computed and over which window.
 */
export function recordName(kpi: Kpi, window: string): string {
  const level = kpi.by.length ? kpi.by.join('_') : 'all';
  return `${level}:${kpi.name}:${operations(kpi, window)}`;
}

function operations(kpi: Kpi, w: string): string {
  switch (kpi.kind) {
    case 'ratio':
      return `ratio_rate${w}`;
    case 'rate':
      return kpi.per === 'minute' ? `rate${w}_per_minute` : `rate${w}`;
    case 'quantile':
      return `p${Math.round(kpi.quantile * 100)}_rate${w}`;
    case 'share':
      return `share_rate${w}`;
    case 'comparison':
      return `ratio_vs_offset${kpi.offset}`;
  }
}
