/** What the data supports. */
export type VerdictKind =
  | 'relationship'
  | 'no-significant-relationship'
  | 'insufficient-data'
  | 'constant-series';

/** The honest one-line answer and the reasons behind it. */
export interface Verdict {
  readonly kind: VerdictKind;
  /** One sentence; for `no-significant-relationship` it starts with "no significant relationship". */
  readonly summary: string;
  readonly reasons: readonly string[];
}

/** Words for |r|: the usual rule of thumb (Cohen 1988). */
export function strength(r: number): 'very weak' | 'weak' | 'moderate' | 'strong' {
  const a = Math.abs(r);
  if (a < 0.1) return 'very weak';
  if (a < 0.3) return 'weak';
  if (a < 0.5) return 'moderate';
  return 'strong';
}
