import { currencyCodes, currencyExponent } from './currencies.ts';
import { defineMetric } from './define.ts';
import type { HistogramDef } from './metric.ts';

/** Order-value boundaries in the currency's major unit: 5 to 5000 (dollars, euros, yen, dinars …). */
export const ORDER_VALUE_MAJOR_BOUNDARIES: readonly number[] = [
  5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000,
];

/** Thrown when a configured currency is not an active ISO 4217 code; names the setting. */
export class CurrencyConfigError extends Error {
  override name = 'CurrencyConfigError';
  readonly variable: string;
  constructor(variable: string, value: unknown) {
    super(
      `${variable}=${JSON.stringify(String(value))} is not valid: expected an active ISO 4217 currency code in upper case, one of ${currencyCodes().join(', ')}`,
    );
    this.variable = variable;
  }
}

/**
 * Order-value bucket boundaries in integer minor units, derived from the currency's ISO 4217
 * minor-unit exponent: 5 major units are 500 cents (EUR, exponent 2), 5 yen (JPY, exponent 0) and
 * 5000 fils (BHD, exponent 3). `variable` names the setting in the error for an unknown code.
 */
export function orderValueBuckets(currency: string, variable = 'currency'): readonly number[] {
  const exponent = currencyExponent(currency);
  if (exponent === undefined) throw new CurrencyConfigError(variable, currency);
  const scale = 10 ** exponent;
  return ORDER_VALUE_MAJOR_BOUNDARIES.map((b) => b * scale);
}

/**
 * The order-value histogram with buckets for a service's main currency. One histogram has one
 * bucket layout, so a service sets the currency most of its orders are in (default USD's exponent,
 * 2); amounts in other currencies are still recorded exactly (sum and count), only their
 * distribution is coarser.
 */
export function orderValueMetric(
  currency: string,
  variable = 'currency',
): HistogramDef<'currency' | 'product_category'> {
  return defineMetric({
    kind: 'histogram',
    name: 'business.order.value.minor',
    unit: '{minor_unit}',
    value: 'money',
    description: 'Distribution of order values in integer minor units.',
    owner: 'finance',
    labels: { currency: {}, product_category: { maxLength: 40 } },
    buckets: orderValueBuckets(currency, variable),
    seriesLimit: 500,
  });
}
