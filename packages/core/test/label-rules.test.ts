import { describe, expect, it } from 'vitest';
import { standardCatalog } from '../src/index.ts';
import { checkPointLabels, hasControlCharacter, labelValueFinding } from '../src/validate.ts';

const feature = standardCatalog.featureUsage;
const entries = (o: Record<string, unknown>) => Object.entries(o);

describe('label rules shared by the browser SDK and the gateway', () => {
  it('accepts declared keys with clean values, booleans as true/false', () => {
    const verdict = checkPointLabels(
      feature,
      entries({ feature: 'search', user_tier: 'free', new_user: true }),
    );
    expect(verdict).toEqual({
      ok: true,
      labels: { feature: 'search', user_tier: 'free', new_user: 'true' },
      mapped: [],
    });
  });

  it('maps a value outside the site allow-list to other and says why', () => {
    const verdict = checkPointLabels(
      feature,
      entries({ feature: 'x9f3k', user_tier: 'free', new_user: 'false' }),
      { feature: ['search', 'export'] },
    );
    expect(verdict).toEqual({
      ok: true,
      labels: { feature: 'other', user_tier: 'free', new_user: 'false' },
      mapped: [{ key: 'feature', reason: 'unknown_label_value' }],
    });
  });

  it('maps control characters, empty, too long, non-string and missing values to other', () => {
    const verdict = checkPointLabels(feature, entries({ feature: 'a\nb', user_tier: 7 }));
    expect(verdict.ok && verdict.labels).toEqual({ feature: 'other', user_tier: 'other', new_user: 'other' });
    expect(verdict.ok && verdict.mapped.map((m) => m.reason)).toEqual([
      'control_character',
      'invalid_label_type',
      'missing_label',
    ]);
    expect(labelValueFinding('', {})).toBe('label_too_long');
    expect(labelValueFinding('x'.repeat(41), { maxLength: 40 })).toBe('label_too_long');
    expect(labelValueFinding('\u0085next-line', {})).toBe('control_character');
    expect(hasControlCharacter('café ☕')).toBe(false);
  });

  it('keeps other in a closed set: an upstream guard already mapped it', () => {
    expect(labelValueFinding('other', { values: ['free'] })).toBeUndefined();
  });

  it('drops the point for a key that identifies a person, an undeclared key or a repeated key', () => {
    expect(checkPointLabels(feature, entries({ feature: 'search', user_id: 'u1' }))).toEqual({
      ok: false,
      reason: 'forbidden_label_key',
      key: 'user_id',
    });
    expect(checkPointLabels(feature, entries({ colour: 'red' }))).toMatchObject({
      ok: false,
      reason: 'unknown_label_key',
    });
    expect(
      checkPointLabels(feature, [
        ['feature', 'a'],
        ['feature', 'b'],
      ]),
    ).toMatchObject({ ok: false, reason: 'repeated_label_key' });
  });
});
