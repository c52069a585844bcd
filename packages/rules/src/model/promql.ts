/**
 * A small PromQL expression tree. Rules are built as trees, not strings, so the same expression can
 * be rendered for a rule file or inlined (recording rules replaced by their definitions, offsets
 * pushed down to the selectors) for range queries over history.
 */
export type Expr =
  | {
      readonly t: 'selector';
      readonly name: string;
      readonly match: Readonly<Record<string, string>>;
      readonly range?: string;
      readonly offset?: string;
    }
  | {
      readonly t: 'record';
      readonly name: string;
      readonly def: Expr;
      readonly range?: string;
      readonly offset?: string;
    }
  | { readonly t: 'call'; readonly fn: string; readonly args: readonly Expr[] }
  | {
      readonly t: 'agg';
      readonly op: 'sum' | 'max' | 'min' | 'count' | 'avg' | 'quantile';
      readonly by: readonly string[];
      readonly arg: Expr;
      /** The parameter of `quantile` (or `topk`-like aggregations). */
      readonly param?: Expr;
    }
  | {
      readonly t: 'bin';
      readonly op: string;
      readonly lhs: Expr;
      readonly rhs: Expr;
      readonly on?: readonly string[];
      readonly groupLeft?: boolean;
      readonly ignoring?: readonly string[];
    }
  | { readonly t: 'subquery'; readonly expr: Expr; readonly range: string; readonly step: string }
  | { readonly t: 'num'; readonly value: number }
  | { readonly t: 'str'; readonly value: string };

/** A series selector `name{k="v"}`. */
export const sel = (name: string, match: Record<string, string> = {}): Expr => ({
  t: 'selector',
  name,
  match,
});
/** A number literal. */
export const num = (value: number): Expr => ({ t: 'num', value });
/** A string literal (`label_replace` arguments). */
export const str = (value: string): Expr => ({ t: 'str', value });
/** A function call. */
export const call = (fn: string, ...args: Expr[]): Expr => ({ t: 'call', fn, args });
/** `sum by (...) (arg)`. */
export const sumBy = (by: readonly string[], arg: Expr): Expr => ({ t: 'agg', op: 'sum', by, arg });
/** Any aggregation `op by (...) ([param,] arg)`. */
export const agg = (
  op: Extract<Expr, { t: 'agg' }>['op'],
  by: readonly string[],
  arg: Expr,
  param?: Expr,
): Expr => (param ? { t: 'agg', op, by, arg, param } : { t: 'agg', op, by, arg });
/** `label_replace(e, name, value, "", "")`: adds a constant label. */
export const withLabel = (e: Expr, name: string, value: string): Expr =>
  call('label_replace', e, str(name), str(value), str(''), str(''));
/** A binary operation with optional vector matching. */
export const bin = (
  op: string,
  lhs: Expr,
  rhs: Expr,
  opts: { on?: readonly string[]; ignoring?: readonly string[]; groupLeft?: boolean } = {},
): Expr => ({ t: 'bin', op, lhs, rhs, ...opts });

/** Adds a range (`[5m]`) to a selector or a recorded series. */
export function ranged(e: Expr, range: string): Expr {
  if (e.t !== 'selector' && e.t !== 'record') throw new TypeError(`range needs a selector, got ${e.t}`);
  return { ...e, range };
}

/** Shifts an expression back in time: on a selector or record directly, elsewhere on every selector inside. */
export function offset(e: Expr, by: string): Expr {
  switch (e.t) {
    case 'selector':
    case 'record':
      return { ...e, offset: by };
    case 'call':
      return { ...e, args: e.args.map((a) => offset(a, by)) };
    case 'agg':
      return { ...e, arg: offset(e.arg, by) };
    case 'bin':
      return { ...e, lhs: offset(e.lhs, by), rhs: offset(e.rhs, by) };
    case 'subquery':
      return { ...e, expr: offset(e.expr, by) };
    case 'num':
    case 'str':
      return e;
  }
}

/** Replaces every recorded series by its definition, so the query runs on raw series only. */
export function inline(e: Expr): Expr {
  switch (e.t) {
    case 'record': {
      const def = inline(e.def);
      const shifted = e.offset ? offset(def, e.offset) : def;
      // A range over a recorded series becomes a subquery at the evaluation interval.
      return e.range ? { t: 'subquery', expr: shifted, range: e.range, step: '1m' } : shifted;
    }
    case 'call':
      return { ...e, args: e.args.map(inline) };
    case 'agg':
      return { ...e, arg: inline(e.arg) };
    case 'bin':
      return { ...e, lhs: inline(e.lhs), rhs: inline(e.rhs) };
    case 'subquery':
      return { ...e, expr: inline(e.expr) };
    default:
      return e;
  }
}

/** PromQL text of an expression. */
export function render(e: Expr): string {
  switch (e.t) {
    case 'selector':
    case 'record':
      return selectorText(e.name, e.t === 'selector' ? e.match : {}, e.range, e.offset);
    case 'num':
      return String(e.value);
    case 'str':
      return JSON.stringify(e.value);
    case 'subquery':
      return `(${render(e.expr)})[${e.range}:${e.step}]`;
    case 'call':
      return `${e.fn}(${e.args.map(render).join(', ')})`;
    case 'agg': {
      const args = e.param ? `${render(e.param)}, ${render(e.arg)}` : render(e.arg);
      return e.by.length ? `${e.op} by (${e.by.join(', ')}) (${args})` : `${e.op}(${args})`;
    }
    case 'bin': {
      // `a or b or c` reads left to right like PromQL parses it: no parentheses down a chain of `or`.
      const chain =
        e.op === 'or' && e.lhs.t === 'bin' && e.lhs.op === 'or' && matching(e.lhs) === matching(e);
      return `${chain ? render(e.lhs) : operand(e.lhs)} ${e.op}${matching(e)} ${operand(e.rhs)}`;
    }
  }
}

function selectorText(
  name: string,
  match: Readonly<Record<string, string>>,
  range?: string,
  off?: string,
): string {
  const pairs = Object.entries(match).map(([k, v]) => `${k}="${v.replace(/["\\]/g, '\\$&')}"`);
  const labels = pairs.length ? `{${pairs.join(', ')}}` : '';
  return `${name}${labels}${range ? `[${range}]` : ''}${off ? ` offset ${off}` : ''}`;
}

function matching(e: Extract<Expr, { t: 'bin' }>): string {
  let s = '';
  if (e.on) s += ` on(${e.on.join(', ')})`;
  if (e.ignoring) s += ` ignoring(${e.ignoring.join(', ')})`;
  if (e.groupLeft) s += ' group_left()';
  return s;
}

/** Parenthesises binary operands so precedence never depends on the reader. */
function operand(e: Expr): string {
  return e.t === 'bin' ? `(${render(e)})` : render(e);
}
