/**
 * RFC 6901 JSON Pointer segments, as Okta's token and SAML patch paths use them.
 * `~` must be escaped before `/`, otherwise `/` → `~1` would be re-escaped to `~01`.
 */
export const escapePointerSegment = (segment: string): string =>
  segment.replaceAll('~', '~0').replaceAll('/', '~1');

/** Inverse of {@link escapePointerSegment}; `~1` is decoded before `~0` for the same reason. */
export const unescapePointerSegment = (segment: string): string =>
  segment.replaceAll('~1', '/').replaceAll('~0', '~');

/** A segment is well formed when every `~` starts one of the two escape sequences. */
export const isWellFormedSegment = (segment: string): boolean => !/~(?![01])/.test(segment);

/** Builds `/a/b/c` from raw (unescaped) segments. */
export const buildPointer = (segments: readonly (string | number)[]): string =>
  segments.map((segment) => `/${escapePointerSegment(String(segment))}`).join('');

/**
 * Splits a pointer into raw segments, or returns undefined when it is not a pointer
 * (does not start with `/`) or holds a malformed escape.
 */
export const parsePointer = (pointer: string): string[] | undefined => {
  if (!pointer.startsWith('/')) return undefined;
  const escaped = pointer.slice(1).split('/');
  if (!escaped.every(isWellFormedSegment)) return undefined;
  return escaped.map(unescapePointerSegment);
};
