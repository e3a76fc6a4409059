import fc from 'fast-check';
import { checkAnswer, type CandidateAnswer } from '../../../../lambdas/shared/okta/checker';
import { reservedClaims } from '../../../../lambdas/shared/okta/reserved-claims';
import type { HookAnswer } from '../../../../lambdas/shared/okta/responses';
import { builtExchange, type GeneratedExchange } from '../../../support/arbitraries';

const candidateOf = (answer: HookAnswer<unknown>): CandidateAnswer => {
  if (answer.status === 204) return { status: 204, bodyText: '' };
  const bodyText = JSON.stringify(answer.body);
  return { status: 200, bodyText, body: JSON.parse(bodyText) as unknown };
};

const check = (exchange: GeneratedExchange, candidate: CandidateAnswer) =>
  checkAnswer(exchange.hook, exchange.request as never, candidate);

describe('whatever the builders produce passes the checker', () => {
  it('for every hook type and request variant', () => {
    fc.assert(
      fc.property(builtExchange, (exchange) => {
        const verdict = check(exchange, candidateOf(exchange.answer));
        expect(verdict.violations).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });
});

type Body = Record<string, unknown> & { commands?: unknown[] };

/** A way to break one rule; `applies` says whether it can break this exchange. */
interface Mutation {
  name: string;
  applies: (exchange: GeneratedExchange) => boolean;
  mutate: (exchange: GeneratedExchange, body: Body, pick: number) => CandidateAnswer;
}

const bodyOf = (exchange: GeneratedExchange): Body =>
  exchange.answer.status === 204 ? {} : (JSON.parse(JSON.stringify(exchange.answer.body)) as Body);

const withCommand = (body: Body, command: unknown): CandidateAnswer => {
  const { error: _error, ...rest } = body;
  return { status: 200, body: { ...rest, commands: [...(body.commands ?? []), command] } };
};

const any = () => true;
const tokenKinds = (exchange: GeneratedExchange) =>
  exchange.hook === 'token' ? (['identity', 'access'] as const).filter((kind) => exchange.request.data[kind]) : [];

const mutations: Mutation[] = [
  { name: 'HTTP status other than 200/204', applies: any, mutate: (_exchange, body, pick) => ({ status: [201, 400, 500, 302][pick % 4]!, body }) },
  { name: 'unknown member', applies: any, mutate: (_exchange, body) => ({ status: 200, body: { ...body, result: 'ok' } }) },
  { name: 'body is an array', applies: any, mutate: (_exchange, body) => ({ status: 200, body: [body] }) },
  {
    name: 'unknown command type',
    applies: any,
    mutate: (_exchange, body) => withCommand(body, { type: 'com.okta.unknown.update', value: {} }),
  },
  {
    name: '204 with a body, or 204 for telephony',
    applies: any,
    mutate: (exchange) => ({ status: 204, bodyText: exchange.hook === 'telephony' ? '' : '{"commands":[]}' }),
  },
  {
    name: 'oversized body',
    applies: any,
    mutate: (_exchange, body) => ({ status: 200, body: { ...body, debugContext: { pad: 'x'.repeat(256 * 1024) } } }),
  },
  {
    name: 'reserved claim',
    applies: (exchange) => tokenKinds(exchange).length > 0,
    mutate: (exchange, body, pick) => {
      const kinds = tokenKinds(exchange);
      const kind = kinds[pick % kinds.length]!;
      const reserved = reservedClaims(kind);
      const claim = reserved[pick % reserved.length]!;
      return withCommand(body, {
        type: kind === 'identity' ? 'com.okta.identity.patch' : 'com.okta.access.patch',
        value: [{ op: 'add', path: `/claims/${claim}`, value: 'forged' }],
      });
    },
  },
  {
    name: 'lifetime out of range',
    applies: (exchange) => tokenKinds(exchange).length > 0,
    mutate: (exchange, body, pick) =>
      withCommand(body, {
        type: tokenKinds(exchange)[0] === 'identity' ? 'com.okta.identity.patch' : 'com.okta.access.patch',
        value: [{ op: 'replace', path: '/token/lifetime/expiration', value: [0, 299, 86_401, 1e9, 600.5][pick % 5] }],
      }),
  },
  {
    name: 'patch for a token that was not requested',
    applies: (exchange) => exchange.hook === 'token' && tokenKinds(exchange).length < 2,
    mutate: (exchange, body) =>
      withCommand(body, {
        type: tokenKinds(exchange)[0] === 'identity' ? 'com.okta.access.patch' : 'com.okta.identity.patch',
        value: [{ op: 'add', path: '/claims/extra', value: 'x' }],
      }),
  },
  {
    name: 'remove with a value',
    applies: (exchange) => tokenKinds(exchange).length > 0,
    mutate: (exchange, body) => {
      const kind = tokenKinds(exchange)[0]!;
      const claims = exchange.hook === 'token' ? (exchange.request.data[kind]?.claims ?? {}) : {};
      const claim = Object.keys(claims).find((key) => !reservedClaims(kind).includes(key)) ?? 'absent_claim';
      return withCommand(body, {
        type: kind === 'identity' ? 'com.okta.identity.patch' : 'com.okta.access.patch',
        value: [{ op: 'remove', path: `/claims/${claim}`, value: 'not-null' }],
      });
    },
  },
  {
    name: 'password in a profile update',
    applies: (exchange) => exchange.hook === 'registration' || exchange.hook === 'user-import',
    mutate: (exchange, body, pick) => {
      const type =
        exchange.hook === 'user-import'
          ? 'com.okta.user.profile.update'
          : exchange.request.requestType === 'progressive.profile'
            ? 'com.okta.user.progressive.profile.update'
            : 'com.okta.user.profile.update';
      return withCommand(body, { type, value: { [['password', 'Password', 'PASSWORD'][pick % 3]!]: 'hunter22' } });
    },
  },
  {
    name: 'profile update of the other registration variant',
    applies: (exchange) => exchange.hook === 'registration',
    mutate: (exchange, body) =>
      withCommand(body, {
        type:
          exchange.hook === 'registration' && exchange.request.requestType === 'progressive.profile'
            ? 'com.okta.user.profile.update'
            : 'com.okta.user.progressive.profile.update',
        value: { department: 'x' },
      }),
  },
  {
    name: 'SAML remove op or foreign path root',
    applies: (exchange) => exchange.hook === 'saml',
    mutate: (_exchange, body, pick) =>
      withCommand(body, {
        type: 'com.okta.assertion.patch',
        value: [pick % 2 === 0 ? { op: 'remove', path: '/claims/department' } : { op: 'add', path: '/issuer/name', value: 'x' }],
      }),
  },
  {
    name: 'SAML attribute without values',
    applies: (exchange) => exchange.hook === 'saml',
    mutate: (_exchange, body) =>
      withCommand(body, {
        type: 'com.okta.assertion.patch',
        value: [{ op: 'add', path: '/claims/newAttribute', value: { attributes: { NameFormat: 'x' }, attributeValues: [] } }],
      }),
  },
  {
    name: 'LINK_USER without the user',
    applies: (exchange) => exchange.hook === 'user-import',
    mutate: (_exchange, body) => {
      const commands = (body.commands ?? []).filter(
        (command) => (command as { type: string }).type !== 'com.okta.user.update' && (command as { type: string }).type !== 'com.okta.action.update',
      );
      return { status: 200, body: { commands: [...commands, { type: 'com.okta.action.update', value: { result: 'LINK_USER' } }] } };
    },
  },
  {
    name: 'verdict outside the enum',
    applies: (exchange) => exchange.hook === 'password-import',
    mutate: () => ({ status: 200, body: { commands: [{ type: 'com.okta.action.update', value: { credential: 'verified' } }] } }),
  },
  {
    name: 'telephony status outside the enum or empty value',
    applies: (exchange) => exchange.hook === 'telephony',
    mutate: (_exchange, _body, pick) => ({
      status: 200,
      body: { commands: [{ type: 'com.okta.telephony.action', value: pick % 2 === 0 ? [] : [{ status: 'DELIVERED' }] }] },
    }),
  },
];

describe('random mutations of valid answers that break a rule are rejected', () => {
  it('for every mutation that applies', () => {
    const applicable = fc
      .tuple(builtExchange, fc.nat({ max: mutations.length - 1 }), fc.nat())
      .filter(([exchange, index]) => mutations[index]!.applies(exchange));
    fc.assert(
      fc.property(applicable, ([exchange, index, pick]) => {
        const mutation = mutations[index]!;
        const verdict = check(exchange, mutation.mutate(exchange, bodyOf(exchange), pick));
        if (verdict.accepted) throw new Error(`mutation "${mutation.name}" was accepted`);
      }),
      { numRuns: 3000 },
    );
  });
});
