// Active ISO 4217 currency codes with their minor-unit exponent (digits after the decimal point).
// Grouped by exponent to keep the table short; source: the ISO 4217 list (2024 amendment).
const BY_EXPONENT: Readonly<Record<number, string>> = {
  0: 'BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF',
  2: 'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BRL BSD BTN BWP BYN BZD CAD CDF CHF CNY COP CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD UYU UZS VES WST XCD XCG YER ZAR ZMW ZWG',
  3: 'BHD IQD JOD KWD LYD OMR TND',
  4: 'CLF UYW',
};

const EXPONENTS: ReadonlyMap<string, number> = new Map(
  Object.entries(BY_EXPONENT).flatMap(([exp, codes]) =>
    codes.split(' ').map((c) => [c, Number(exp)] as const),
  ),
);

/** True when `code` is an active ISO 4217 currency code (upper case). */
export function isCurrencyCode(code: string): boolean {
  return EXPONENTS.has(code);
}

/** Digits after the decimal point for a currency (2 for USD, 0 for JPY); undefined when unknown. */
export function currencyExponent(code: string): number | undefined {
  return EXPONENTS.get(code);
}

/** Every active ISO 4217 code this table knows, sorted: the accepted values of a currency setting. */
export function currencyCodes(): readonly string[] {
  return [...EXPONENTS.keys()].sort();
}
