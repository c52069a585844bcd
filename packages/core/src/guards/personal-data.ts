/**
 * Contract 4 by pattern: label keys that name personal data are refused when a metric is defined,
 * and free-form label values shaped like personal data are mapped to `other` when recorded.
 * Platform-neutral and allocation-free on the common path (a value with no `@`, digit or `:` costs
 * one scan). Values of a declared allow-list are never screened, and a value once accepted is cached
 * by the label guard, so each distinct value is screened once.
 */

/** Why a free-form label value was taken for personal data. */
export type PersonalDataShape = 'pii_email' | 'pii_phone' | 'pii_card' | 'pii_ip';

/** What each shape means, for diagnostics (the value itself is never logged). */
export const PERSONAL_DATA_SHAPES: Readonly<Record<PersonalDataShape, string>> = {
  pii_email: 'an e-mail address',
  pii_phone: 'a phone number',
  pii_card: 'a payment card number (Luhn-valid)',
  pii_ip: 'an IP address',
};

const SUSPECT = /[@\d:]/;
const EMAIL = /[^\s@]+@[^\s@]+\.[a-z]{2,}/i;
const IPV4 =
  /(?:^|[^\d.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\d.])/;
const IPV6 = /^\[?[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}(?:%\w+)?\]?$|^::ffff:/i;
const PHONE_CHARS = /^\+?[\d\s().-]+$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}/;
const DIGIT_RUN = /\d[\d -]{11,}\d/g;

/** The personal-data shape of a label value, or undefined for an ordinary value. */
export function personalDataShape(value: string): PersonalDataShape | undefined {
  if (!SUSPECT.test(value)) return undefined;
  if (value.includes('@') && EMAIL.test(value)) return 'pii_email';
  if (hasCardNumber(value)) return 'pii_card';
  if (value.includes('.') && IPV4.test(value)) return 'pii_ip';
  if (value.includes(':') && IPV6.test(value.trim()) && (value.match(/:/g)?.length ?? 0) >= 2)
    return 'pii_ip';
  if (isPhoneNumber(value.trim())) return 'pii_phone';
  return undefined;
}

/** 13 to 19 digits (spaces or dashes between) that pass the Luhn check. */
function hasCardNumber(value: string): boolean {
  for (const run of value.match(DIGIT_RUN) ?? []) {
    const digits = run.replace(/[ -]/g, '');
    if (digits.length >= 13 && digits.length <= 19 && luhn(digits)) return true;
  }
  return false;
}

/** The Luhn checksum of a digit string. */
export function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * The whole value is a phone number: digits with the usual separators, 7 to 15 digits (E.164), and a
 * leading `+` or at least one separator-free run of 7 — but not a date (`2026-12-02`) or a plain
 * small number.
 */
function isPhoneNumber(value: string): boolean {
  if (!PHONE_CHARS.test(value) || ISO_DATE.test(value)) return false;
  let digits = 0;
  for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) >= 48 && value.charCodeAt(i) <= 57) digits++;
  return digits >= 7 && digits <= 15;
}

// ---------------------------------------------------------------------------------------------
// Label keys

/** Tokens that name personal data wherever they stand in a key. */
const PERSONAL_TOKENS = new Set([
  'email',
  'mail',
  'phone',
  'mobile',
  'msisdn',
  'telephone',
  'ip',
  'ipv4',
  'ipv6',
  'address',
  'ssn',
  'passport',
  'iban',
  'password',
  'passwd',
  'secret',
  'token',
  'apikey',
  'jwt',
  'cookie',
  'credential',
  'credentials',
  'username',
  'userid',
  'fullname',
  'firstname',
  'lastname',
  'surname',
  'birthdate',
  'dob',
]);

/** Tokens that name a person (or a session, device, …): with `id`, `name` or `key` they identify one. */
const WHO = new Set([
  'user',
  'customer',
  'client',
  'account',
  'member',
  'visitor',
  'session',
  'device',
  'anonymous',
  'person',
  'buyer',
  'shopper',
  'subscriber',
  'contact',
  'first',
  'last',
  'full',
  'given',
  'family',
  'middle',
  'display',
  'nick',
  'api',
]);

/** Identifier tokens: after a person token (`user_id`, `customer_name`, `api_key`) or alone. */
const IDENTIFIER = new Set(['id', 'uuid', 'guid', 'name', 'key', 'number', 'no']);

/** Keys that identify someone or something per visitor on their own. */
const ALONE = new Set(['id', 'uuid', 'guid', 'name', 'user', 'customer', 'visitor', 'person', 'account']);

/**
 * Trailing tokens that describe a property of the thing rather than the thing itself:
 * `ip_version` (v4 or v6), `token_count`, `email_verified`, `phone_type` are bounded and safe.
 */
const DESCRIPTOR = new Set([
  'version',
  'family',
  'protocol',
  'type',
  'kind',
  'class',
  'count',
  'present',
  'verified',
  'valid',
  'status',
  'provider',
  'tier',
]);

/**
 * The token of `key` that names personal data, or undefined. Keys are split on `_`, `-`, `.` and
 * camelCase humps (`customerPhone` → customer, phone), so `user_email`, `customerPhone`, `clientIp`,
 * `billing_address`, `first_name` and `user_id` are refused while `product_category`, `user_tier`,
 * `feature_name`, `ip_version` and `token_count` pass.
 */
export function personalLabelToken(key: string): string | undefined {
  const tokens = key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[_.-]+/)
    .filter(Boolean);
  if (tokens.length === 0) return undefined;
  if (tokens.length > 1 && DESCRIPTOR.has(tokens.at(-1)!)) return undefined;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (PERSONAL_TOKENS.has(t)) return t;
    if (IDENTIFIER.has(t) && i > 0 && WHO.has(tokens[i - 1]!)) return `${tokens[i - 1]}_${t}`;
  }
  // Alone, an identifier or a person is one: `id`, `name`, `user`, `customer`.
  if (tokens.length === 1 && ALONE.has(tokens[0]!)) return tokens[0];
  return undefined;
}
