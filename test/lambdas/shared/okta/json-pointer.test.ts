import fc from 'fast-check';
import {
  buildPointer,
  escapePointerSegment,
  parsePointer,
  unescapePointerSegment,
} from '../../../../lambdas/shared/okta/json-pointer';
import { addSamlAttribute, replaceSamlAttributeValue, samlAttributeStatement } from '../../../../lambdas/shared/okta/responses';

describe('RFC 6901 escaping of SAML attribute names', () => {
  it('escapes the URI claim of the contract example', () => {
    expect(escapePointerSegment('http://schemas.xmlsoap.org/ws/2005/05/identity/claims/foo')).toBe(
      'http:~1~1schemas.xmlsoap.org~1ws~12005~105~1identity~1claims~1foo',
    );
  });

  it('escapes ~ before /, so "~1" in a name stays distinct from "/"', () => {
    expect(escapePointerSegment('urn:example:claims:tilde~name')).toBe('urn:example:claims:tilde~0name');
    expect(escapePointerSegment('~1')).toBe('~01');
    expect(escapePointerSegment('/~')).toBe('~1~0');
  });

  it('builds the replace path of the contract example', () => {
    const operation = replaceSamlAttributeValue(
      'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress',
      0,
      'alice.anders@example.com',
    );
    expect(operation.path).toBe(
      '/claims/http:~1~1schemas.xmlsoap.org~1ws~12005~105~1identity~1claims~1emailaddress/attributeValues/0/value',
    );
  });

  it('builds an add of a full attribute statement', () => {
    expect(addSamlAttribute('a/b', samlAttributeStatement(['4321']))).toEqual({
      op: 'add',
      path: '/claims/a~1b',
      value: {
        attributes: { NameFormat: 'urn:oasis:names:tc:SAML:2.0:attrname-format:basic' },
        attributeValues: [{ attributes: { 'xsi:type': 'xs:string' }, value: '4321' }],
      },
    });
  });

  it('round-trips any name', () => {
    fc.assert(
      fc.property(fc.string(), (segment) => {
        expect(unescapePointerSegment(escapePointerSegment(segment))).toBe(segment);
        expect(escapePointerSegment(segment)).not.toContain('/');
      }),
    );
  });

  it('parses what it builds, and refuses malformed escapes', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { minLength: 1, maxLength: 5 }), (segments) => {
        expect(parsePointer(buildPointer(segments))).toEqual(segments);
      }),
    );
    expect(parsePointer('claims/x')).toBeUndefined();
    expect(parsePointer('/claims/a~2')).toBeUndefined();
    expect(parsePointer('/claims/a~')).toBeUndefined();
  });
});
