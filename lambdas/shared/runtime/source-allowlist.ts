/**
 * Checks a caller's address against `network.allowedSourceCidrs`, with Node's BlockList
 * (IPv4 and IPv6; an IPv4-mapped IPv6 address counts as its IPv4 address).
 */
import { BlockList, isIP } from 'node:net';
import { parseCidr, type NetworkSettings } from '../config/network-settings';

export interface SourceAllowlist {
  allows(sourceIp: string | undefined): boolean;
}

const ipv4Mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;

/** Undefined when no allowlist is configured: every source may call. */
export const sourceAllowlistOf = (network: NetworkSettings | undefined): SourceAllowlist | undefined => {
  const cidrs = (network?.allowedSourceCidrs ?? []).map(parseCidr);
  if (cidrs.length === 0) return undefined;
  const allowed = new BlockList();
  for (const cidr of cidrs) {
    // The configuration schema has already refused anything unparseable.
    if (cidr) allowed.addSubnet(cidr.address, cidr.prefix, cidr.family);
  }
  return {
    allows: (sourceIp) => {
      if (!sourceIp) return false;
      const address = ipv4Mapped.exec(sourceIp)?.[1] ?? sourceIp;
      const version = isIP(address);
      return version !== 0 && allowed.check(address, version === 4 ? 'ipv4' : 'ipv6');
    },
  };
};
