import type { DecodedAttribute, DecodedHistogramPoint, DecodedMetric, DecodedNumberPoint } from './decode.ts';

/**
 * A reader of the OTLP/protobuf metrics subset the gateway judges, straight into the shapes
 * `decodeMetricsRequest` returns (the same values as protobufjs' `decode` + `toObject` with
 * `longs: Number`, `defaults: true`, `oneofs: true`), without protobufjs' message objects, its
 * second copy by `toObject` and the remap: decoding was half of the gateway's in-process cost per
 * point. Resources, scopes, timestamps, exemplars and flags are skipped unread. Anything that is
 * not well-formed protobuf (a truncated field, a length past its message, a wire type that does not
 * fit the field, invalid UTF-8) throws, and the caller answers 400 as before.
 */
export function decodeProtobufRequest(body: Uint8Array): DecodedMetric[] {
  const r = new Reader(body);
  const metrics: DecodedMetric[] = [];
  while (r.more(body.length)) {
    const tag = r.varint();
    if (tag === TAG(1, LEN)) {
      const end = r.end();
      while (r.more(end)) {
        const t = r.varint();
        if (t === TAG(2, LEN)) readScopeMetrics(r, r.end(), metrics);
        else r.skip(t);
      }
    } else r.skip(tag);
  }
  return metrics;
}

const VARINT = 0;
const I64 = 1;
const LEN = 2;
const I32 = 5;
const TAG = (field: number, wire: number) => (field << 3) | wire;
const utf8 = new TextDecoder('utf-8', { fatal: true });

function readScopeMetrics(r: Reader, end: number, out: DecodedMetric[]): void {
  while (r.more(end)) {
    const t = r.varint();
    if (t === TAG(2, LEN)) out.push(readMetric(r, r.end()));
    else r.skip(t);
  }
}

function readMetric(r: Reader, end: number): DecodedMetric {
  let name = '';
  let data: DecodedMetric | undefined;
  let kind: DecodedMetric['type'] = 'none';
  while (r.more(end)) {
    const t = r.varint();
    if (t === TAG(1, LEN)) name = r.string();
    else if (t === TAG(7, LEN)) {
      data = readSum(r, r.end());
      kind = 'sum';
    } else if (t === TAG(9, LEN)) {
      data = readHistogram(r, r.end());
      kind = 'histogram';
    } else if (t === TAG(5, LEN) || t === TAG(10, LEN) || t === TAG(11, LEN)) {
      r.pos = r.end();
      kind = t === TAG(5, LEN) ? 'gauge' : t === TAG(10, LEN) ? 'exponential_histogram' : 'summary';
      data = undefined;
    } else r.skip(t);
  }
  if (data) return { ...data, name };
  return { name, type: kind as 'gauge' | 'exponential_histogram' | 'summary' | 'none' };
}

function readSum(r: Reader, end: number): DecodedMetric {
  const points: DecodedNumberPoint[] = [];
  let temporality = 0;
  let monotonic = false;
  while (r.more(end)) {
    const t = r.varint();
    if (t === TAG(1, LEN)) points.push(readNumberPoint(r, r.end()));
    else if (t === TAG(2, VARINT)) temporality = r.int32();
    else if (t === TAG(3, VARINT)) monotonic = r.varint() !== 0;
    else r.skip(t);
  }
  return { name: '', type: 'sum', temporality, monotonic, points };
}

function readHistogram(r: Reader, end: number): DecodedMetric {
  const points: DecodedHistogramPoint[] = [];
  let temporality = 0;
  while (r.more(end)) {
    const t = r.varint();
    if (t === TAG(1, LEN)) points.push(readHistogramPoint(r, r.end()));
    else if (t === TAG(2, VARINT)) temporality = r.int32();
    else r.skip(t);
  }
  return { name: '', type: 'histogram', temporality, points };
}

function readNumberPoint(r: Reader, end: number): DecodedNumberPoint {
  const attributes: DecodedAttribute[] = [];
  let value: number | undefined;
  while (r.more(end)) {
    const t = r.varint();
    if (t === TAG(7, LEN)) attributes.push(readKeyValue(r, r.end()));
    else if (t === TAG(4, I64)) value = r.double();
    else if (t === TAG(6, I64)) value = r.fixed64(true);
    else r.skip(t);
  }
  return { attributes, value };
}

function readHistogramPoint(r: Reader, end: number): DecodedHistogramPoint {
  const attributes: DecodedAttribute[] = [];
  let count = 0;
  let sum: number | undefined;
  const bucketCounts: number[] = [];
  const explicitBounds: number[] = [];
  while (r.more(end)) {
    const t = r.varint();
    if (t === TAG(9, LEN)) attributes.push(readKeyValue(r, r.end()));
    else if (t === TAG(4, I64)) count = r.fixed64(false);
    else if (t === TAG(5, I64)) sum = r.double();
    else if (t === TAG(6, LEN)) for (const e = r.end(); r.more(e); ) bucketCounts.push(r.fixed64(false));
    else if (t === TAG(6, I64)) bucketCounts.push(r.fixed64(false));
    else if (t === TAG(7, LEN)) for (const e = r.end(); r.more(e); ) explicitBounds.push(r.double());
    else if (t === TAG(7, I64)) explicitBounds.push(r.double());
    else r.skip(t);
  }
  return { attributes, count, sum, bucketCounts, explicitBounds };
}

function readKeyValue(r: Reader, end: number): DecodedAttribute {
  let key = '';
  let value: DecodedAttribute['value'] = null as never;
  while (r.more(end)) {
    const t = r.varint();
    if (t === TAG(1, LEN)) key = r.string();
    else if (t === TAG(2, LEN)) value = readAnyValue(r, r.end());
    else r.skip(t);
  }
  return { key, value };
}

/** An AnyValue as `toObject` gives it: the set member and `value` naming it. */
function readAnyValue(r: Reader, end: number): NonNullable<DecodedAttribute['value']> {
  let out: Record<string, unknown> = {};
  while (r.more(end)) {
    const t = r.varint();
    if (t === TAG(1, LEN)) out = { stringValue: r.string(), value: 'stringValue' };
    else if (t === TAG(2, VARINT)) out = { boolValue: r.varint() !== 0, value: 'boolValue' };
    else if (t === TAG(3, VARINT)) out = { intValue: r.int64(), value: 'intValue' };
    else if (t === TAG(4, I64)) out = { doubleValue: r.double(), value: 'doubleValue' };
    else if (t === TAG(5, LEN))
      out = { arrayValue: { values: readList(r, r.end(), readAnyValue) }, value: 'arrayValue' };
    else if (t === TAG(6, LEN))
      out = { kvlistValue: { values: readList(r, r.end(), readKeyValue) }, value: 'kvlistValue' };
    else if (t === TAG(7, LEN)) {
      const e = r.end();
      out = { bytesValue: r.buf.slice(r.pos, e), value: 'bytesValue' };
      r.pos = e;
    } else r.skip(t);
  }
  return out as NonNullable<DecodedAttribute['value']>;
}

/** The `values` (field 1) of an ArrayValue or KeyValueList. */
function readList<T>(r: Reader, end: number, item: (r: Reader, end: number) => T): T[] {
  const values: T[] = [];
  while (r.more(end)) {
    const t = r.varint();
    if (t === TAG(1, LEN)) values.push(item(r, r.end()));
    else r.skip(t);
  }
  return values;
}

/** Protobuf wire reading with bounds checks; every failure throws a RangeError or TypeError. */
class Reader {
  pos = 0;
  readonly buf: Uint8Array;
  private readonly view: DataView;
  /** Node's Buffer#latin1Slice when the body is a Buffer: ASCII without an intermediate view. */
  private readonly latin1: ((this: Uint8Array, start: number, end: number) => string) | undefined;
  constructor(buf: Uint8Array) {
    this.buf = buf;
    this.latin1 = (buf as { latin1Slice?: (start: number, end: number) => string }).latin1Slice as never;
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }
  more(end: number): boolean {
    if (this.pos < end) return true;
    if (this.pos > end) throw new RangeError('field runs past its message');
    return false;
  }
  varint(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      if (this.pos >= this.buf.length) throw new RangeError('truncated varint');
      const b = this.buf[this.pos++]!;
      if (shift < 28) result |= (b & 0x7f) << shift;
      else if (shift < 70) result += (b & 0x7f) * 2 ** shift;
      else throw new RangeError('varint too long');
      if (b < 0x80) return shift < 28 ? result >>> 0 : result;
      shift += 7;
    }
  }
  /** A varint int32/enum: its low 32 bits, signed (negatives take ten bytes on the wire). */
  int32(): number {
    const first = this.buf[this.pos];
    if (first !== undefined && first < 0x80) {
      this.pos++;
      return first;
    }
    return Number(BigInt.asIntN(32, this.varint64()));
  }
  /** A varint int64 as a Number, two's complement for negatives (as protobufjs' `longs: Number`). */
  int64(): number {
    return Number(BigInt.asIntN(64, this.varint64()));
  }
  /** A varint of up to ten bytes, exactly (rare fields only: enums and integer attributes). */
  private varint64(): bigint {
    let result = 0n;
    for (let shift = 0n; ; shift += 7n) {
      if (this.pos >= this.buf.length) throw new RangeError('truncated varint');
      if (shift > 63n) throw new RangeError('varint too long');
      const b = this.buf[this.pos++]!;
      result |= BigInt(b & 0x7f) << shift;
      if (b < 0x80) return result;
    }
  }
  /** End offset of a length-delimited field that starts here. */
  end(): number {
    const length = this.varint();
    const end = this.pos + length;
    if (end > this.buf.length) throw new RangeError('length past the end of the body');
    return end;
  }
  string(): string {
    const end = this.end();
    const start = this.pos;
    this.pos = end;
    // Label keys and values are short and ASCII: read them without a TextDecoder call each.
    if (end - start <= 64) {
      let ascii = true;
      for (let i = start; i < end; i++)
        if (this.buf[i]! >= 0x80) {
          ascii = false;
          break;
        }
      if (ascii)
        return this.latin1
          ? this.latin1.call(this.buf, start, end)
          : String.fromCharCode.apply(null, this.buf.subarray(start, end) as unknown as number[]);
    }
    return utf8.decode(this.buf.subarray(start, end));
  }
  double(): number {
    this.need(8);
    const v = this.view.getFloat64(this.pos, true);
    this.pos += 8;
    return v;
  }
  fixed64(signed: boolean): number {
    this.need(8);
    const lo = this.view.getUint32(this.pos, true);
    const hi = signed ? this.view.getInt32(this.pos + 4, true) : this.view.getUint32(this.pos + 4, true);
    this.pos += 8;
    return hi * 4294967296 + lo;
  }
  skip(tag: number): void {
    const wire = tag & 7;
    if (tag >>> 3 === 0) throw new RangeError('field number 0');
    if (wire === VARINT) this.varint();
    else if (wire === I64) this.advance(8);
    else if (wire === LEN) this.pos = this.end();
    else if (wire === I32) this.advance(4);
    else if (wire === 3) {
      for (;;) {
        const t = this.varint();
        if ((t & 7) === 4) {
          if (t >>> 3 !== tag >>> 3) throw new RangeError('mismatched end group');
          return;
        }
        this.skip(t);
      }
    } else throw new RangeError(`invalid wire type ${wire}`);
  }
  private need(n: number): void {
    if (this.pos + n > this.buf.length) throw new RangeError('truncated fixed-width field');
  }
  private advance(n: number): void {
    this.need(n);
    this.pos += n;
  }
}
