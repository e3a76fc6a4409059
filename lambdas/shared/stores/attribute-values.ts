/**
 * Turning record attributes (anything DynamoDB can hold) into what Okta accepts: claim values,
 * flat profile values, SAML attribute values. Anything else is left out, never coerced.
 */
import type { JsonValue, ProfileValue } from '../okta/responses';
import type { AttributeValue } from './records';

type Scalar = string | number | boolean | null;
const isScalar = (value: unknown): value is Scalar =>
  value === null || typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));

/** A claim may be any JSON value except null. */
export const claimValueOf = (value: AttributeValue | undefined): JsonValue | undefined =>
  value === undefined || value === null ? undefined : value;

/** Profile attributes are flat: a scalar or a list of scalars. */
export const profileValueOf = (value: AttributeValue | undefined): ProfileValue | undefined => {
  if (value === undefined) return undefined;
  if (isScalar(value)) return value;
  if (Array.isArray(value) && value.every(isScalar)) return value;
  return undefined;
};

/** SAML attribute values: strings and integers; a list becomes several values. */
export const samlValuesOf = (value: AttributeValue | undefined): (string | number)[] => {
  const items: (AttributeValue | undefined)[] = Array.isArray(value) ? value : [value];
  return items.flatMap((item): (string | number)[] => {
    if (typeof item === 'string') return item === '' ? [] : [item];
    if (typeof item === 'number' && Number.isFinite(item)) return [item];
    if (typeof item === 'boolean') return [String(item)];
    return [];
  });
};
