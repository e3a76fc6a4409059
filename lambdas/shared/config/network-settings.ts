/**
 * The optional source-address allowlist (`network.allowedSourceCidrs`): when set, every route
 * refuses calls from any other address before it reads the secret. Okta publishes the egress
 * ranges of each cell; API Gateway passes the caller's address in the event.
 */
import { isIP } from 'node:net';
import * as z from 'zod/mini';

export interface Cidr {
  address: string;
  prefix: number;
  family: 'ipv4' | 'ipv6';
}

/** `203.0.113.0/24`, `2001:db8::/32`, or a single address (a /32 or /128). */
export const parseCidr = (text: string): Cidr | undefined => {
  const [address = '', prefixText, ...rest] = text.trim().split('/');
  if (rest.length > 0) return undefined;
  const version = isIP(address);
  if (version === 0) return undefined;
  const family = version === 4 ? 'ipv4' : 'ipv6';
  const maximum = version === 4 ? 32 : 128;
  if (prefixText === undefined) return { address, prefix: maximum, family };
  if (!/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  return prefix <= maximum ? { address, prefix, family } : undefined;
};

const cidrSchema = z.string().check(z.refine((text) => parseCidr(text) !== undefined, 'must be an IPv4 or IPv6 address or CIDR block, e.g. 203.0.113.0/24'));

export const networkSettingsSchema = z.strictObject({
  /** Empty: any source may call (the secret or token still decides). */
  allowedSourceCidrs: z._default(z.array(cidrSchema).check(z.maxLength(1000)), []),
});
export type NetworkSettings = z.infer<typeof networkSettingsSchema>;
