/**
 * Last line of defence for logs: the code never logs secrets on purpose, and this replacer
 * (run by the Powertools logger on every key and value) masks what slips through anyway.
 * By key: passwords, secrets, tokens, OTPs, credentials, phone numbers, message templates
 * (they hold the OTP). By value: bearer/basic credentials, JWTs and E.164 phone numbers.
 */

export const REDACTED = '[REDACTED]';

const sensitiveKeyParts = [
  'password',
  'passwd',
  'passcode',
  'passphrase',
  'secret',
  'token',
  'otp',
  'authorization',
  'cookie',
  'credential',
  'phone',
  'msgtemplate',
  'apikey',
  'privatekey',
  'signature',
];

const keyVerdicts = new Map<string, boolean>();

export const isSensitiveKey = (key: string): boolean => {
  let verdict = keyVerdicts.get(key);
  if (verdict === undefined) {
    const normalised = key.toLowerCase().replaceAll(/[^a-z0-9]/g, '');
    verdict = sensitiveKeyParts.some((part) => normalised.includes(part));
    // Log keys come from code, not from requests, so this cache stays small; cap it regardless.
    if (keyVerdicts.size < 1000) keyVerdicts.set(key, verdict);
  }
  return verdict;
};

const credentialPattern = /\b(Bearer|Basic|Digest|SSWS)\s+[^\s"',;]+/gi;
const jwtPattern = /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g;
const e164Pattern = /\+\d[\d\s().-]{6,}\d/g;

/** Keeps the country prefix and the last two digits, e.g. `+49*********34`. */
export const maskPhoneNumber = (phoneNumber: string): string => {
  const digits = phoneNumber.replaceAll(/\D/g, '');
  if (digits.length <= 4) return '*'.repeat(digits.length);
  return `+${digits.slice(0, 2)}${'*'.repeat(digits.length - 4)}${digits.slice(-2)}`;
};

export const maskSensitiveText = (text: string): string => {
  // Cheap pre-checks keep the common case (nothing to mask) free of regex replacement.
  let masked = text;
  if (/Bearer|Basic|Digest|SSWS/i.test(masked)) masked = masked.replace(credentialPattern, `$1 ${REDACTED}`);
  if (masked.includes('eyJ')) masked = masked.replace(jwtPattern, REDACTED);
  if (masked.includes('+')) masked = masked.replace(e164Pattern, (match) => maskPhoneNumber(match));
  return masked;
};

/** A `JSON.stringify` replacer, handed to the Powertools logger as `jsonReplacerFn`. */
export const maskingReplacer = (key: string, value: unknown): unknown => {
  if (key !== '' && isSensitiveKey(key) && value !== null && value !== undefined && typeof value !== 'boolean') {
    return REDACTED;
  }
  return typeof value === 'string' ? maskSensitiveText(value) : value;
};
