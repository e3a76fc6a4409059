/**
 * The one DynamoDB table every hook reads (single-table design, see the README). The stack,
 * local mode and the tests all create it from this description.
 *
 * | item              | pk                               | sk           | written by          |
 * |-------------------|----------------------------------|--------------|---------------------|
 * | user record       | USER#<login, lower-cased>         | PROFILE      | import tool, events |
 * | legacy credential | USER#<login, lower-cased>         | CREDENTIAL   | import tool, hook   |
 * | link record       | LINK#<namespace>#<external id>    | LINK         | import tool         |
 * | code mapping      | CODE#<code set>                   | CODE#<code>  | import tool         |
 * | idempotency       | IDEMPOTENCY#<scope>#<key>         | IDEMPOTENCY  | telephony, events   |
 *
 * User records also carry `gsi1pk = OKTA#<Okta user id>` when the id is known, so they can
 * be found by id through the sparse index `gsi1`.
 */
export const hookTableSchema = {
  partitionKey: 'pk',
  sortKey: 'sk',
  oktaUserIdIndex: { name: 'gsi1', partitionKey: 'gsi1pk' },
  /** Epoch seconds; DynamoDB deletes expired items lazily, so reads also check it. */
  timeToLiveAttribute: 'expiresAt',
} as const;
