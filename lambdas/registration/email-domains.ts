/** E-mail domain matching for the registration rules. */

/** The domain of an address, lower-cased; undefined when it is not an address. */
export const emailDomainOf = (email: unknown): string | undefined => {
  if (typeof email !== 'string') return undefined;
  const at = email.lastIndexOf('@');
  if (at <= 0 || at === email.length - 1) return undefined;
  return email.slice(at + 1).trim().toLowerCase().replace(/\.$/, '');
};

/** `example.com` matches exactly; `*.example.com` matches any subdomain, not the domain itself. */
export const domainMatches = (domain: string, pattern: string): boolean => {
  const lowered = pattern.toLowerCase();
  return lowered.startsWith('*.') ? domain.endsWith(lowered.slice(1)) : domain === lowered;
};

export const domainMatchesAny = (domain: string, patterns: readonly string[]): boolean =>
  patterns.some((pattern) => domainMatches(domain, pattern));
