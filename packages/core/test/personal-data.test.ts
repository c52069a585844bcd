import { describe, expect, it } from 'vitest';
import { personalDataShape, personalLabelToken } from '../src/guards/personal-data.ts';
import { defineMetric, MetricDefinitionError, standardCatalog } from '../src/index.ts';
import { checkPointLabels } from '../src/validate.ts';
import { createHarness, order } from './harness.ts';

// The tables below are the ones in packages/core/README.md ("Personal data"): keep them in step.

/** Label keys: refused at definition time (the token that names personal data), or allowed (undefined). */
const KEYS: ReadonlyArray<readonly [string, string | undefined]> = [
  ['user_email', 'email'],
  ['customerPhone', 'phone'],
  ['clientIp', 'ip'],
  ['ip', 'ip'],
  ['email_address', 'email'],
  ['billing_address', 'address'],
  ['user_id', 'user_id'],
  ['customer_id', 'customer_id'],
  ['account_id', 'account_id'],
  ['member_uuid', 'member_uuid'],
  ['first_name', 'first_name'],
  ['customer_name', 'customer_name'],
  ['username', 'username'],
  ['name', 'name'],
  ['user', 'user'],
  ['api_key', 'api_key'],
  ['auth_token', 'token'],
  ['session_token', 'token'],
  ['mobile_number', 'mobile'],
  // Allowed: bounded properties, not the data (false positives we chose to avoid).
  ['product_category', undefined],
  ['user_tier', undefined],
  ['new_user', undefined],
  ['device_type', undefined],
  ['feature_name', undefined],
  ['plan_name', undefined],
  ['ip_version', undefined],
  ['ip_family', undefined],
  ['token_count', undefined],
  ['email_verified', undefined],
  ['phone_type', undefined],
  ['payment_method', undefined],
  ['entry_page', undefined],
  ['region', undefined],
];

/** Free-form label values: mapped to `other` with the reason, or kept (undefined). */
const VALUES: ReadonlyArray<readonly [string, string | undefined]> = [
  ['ann@example.com', 'pii_email'],
  ['Ann.Lee+shop@mail.example.co.uk', 'pii_email'],
  ['contact ann@example.com', 'pii_email'],
  ['+44 20 7946 0958', 'pii_phone'],
  ['(555) 123-4567', 'pii_phone'],
  ['0170 1234567', 'pii_phone'],
  ['4111 1111 1111 1111', 'pii_card'],
  ['4111-1111-1111-1111', 'pii_card'],
  ['5500000000000004', 'pii_card'],
  ['192.168.10.20', 'pii_ip'],
  ['client 10.0.0.1', 'pii_ip'],
  ['2001:db8::1', 'pii_ip'],
  ['::1', 'pii_ip'],
  ['fe80::1%eth0', 'pii_ip'],
  // Kept: look numeric but are not personal data.
  ['books', undefined],
  ['@mentions', undefined],
  ['2026-12-02', undefined],
  ['4111 1111 1111 1112', undefined],
  ['v1.2.3', undefined],
  ['999.1.1.1', undefined],
  ['12345', undefined],
  ['checkout:step2', undefined],
  ['10:30', undefined],
  ['SKU-4711', undefined],
];

describe('personal data by pattern (contract 4)', () => {
  it.each(KEYS)('label key %s → %s', (key, token) => {
    expect(personalLabelToken(key)).toBe(token);
  });

  it.each(KEYS.filter(([, t]) => t !== undefined))('defineMetric refuses label key %s, naming it', (key) => {
    const define = () =>
      defineMetric({
        kind: 'counter',
        name: 'shop.orders',
        unit: '{order}',
        description: 'Orders.',
        owner: 'shop',
        labels: { [key]: {} },
      });
    expect(define).toThrow(MetricDefinitionError);
    expect(define).toThrow(new RegExp(`label "${key}" (names personal data|identifies a person)`));
  });

  it.each(VALUES)('label value %s → %s', (value, shape) => {
    expect(personalDataShape(value)).toBe(shape);
  });

  it('maps a free-form value shaped like personal data to other, counts it by reason and logs no value', async () => {
    const h = createHarness();
    h.biz.revenue(order({ product_category: 'ann@example.com', region: '+44 20 7946 0958' }));
    h.biz.revenue(order({ payment_method: '4111 1111 1111 1111' }));
    expect(await h.guard('business.revenue.minor', 'pii_email', 'mapped')).toBe(1);
    expect(await h.guard('business.revenue.minor', 'pii_phone', 'mapped')).toBe(1);
    expect(await h.guard('business.revenue.minor', 'pii_card', 'mapped')).toBe(1);
    const rows = await h.points('business.revenue.minor');
    expect(rows.map((r) => r.attributes)).toEqual([
      { currency: 'USD', product_category: 'other', payment_method: 'card', region: 'other' },
      { currency: 'USD', product_category: 'books', payment_method: 'other', region: 'eu' },
    ]);
    expect(rows.reduce((s, r) => s + r.value, 0)).toBe(2 * 4999);
    expect(h.logs.join('\n')).not.toMatch(/ann@example|7946|4111/);
  });

  it('screens the untrusted path too: the shared label rules of the browser SDK and the gateway', () => {
    const verdict = checkPointLabels(standardCatalog.featureUsage, [
      ['feature', 'ann@example.com'],
      ['user_tier', 'free'],
      ['new_user', 'true'],
    ]);
    expect(verdict).toEqual({
      ok: true,
      labels: { feature: 'other', user_tier: 'free', new_user: 'true' },
      mapped: [{ key: 'feature', reason: 'pii_email' }],
    });
  });

  it('does not screen values from a declared allow-list', async () => {
    const h = createHarness({ mode: 'strict' });
    const peers = defineMetric({
      kind: 'counter',
      name: 'shop.peer.calls',
      unit: '{call}',
      description: 'Calls to a known peer.',
      owner: 'shop',
      labels: { peer: { values: ['10.0.0.1', 'payments'] } },
    });
    h.biz.counter(peers).add(1, { peer: '10.0.0.1' });
    expect(await h.value('shop.peer.calls', { peer: '10.0.0.1' })).toBe(1);
  });

  it('throws in strict mode naming the metric, the label and what the value looks like', () => {
    const h = createHarness({ mode: 'strict' });
    expect(() => h.biz.revenue(order({ region: 'ann@example.com' }))).toThrow(
      /^business\.revenue\.minor: pii_email: label "region" looks like an e-mail address$/,
    );
  });
});
