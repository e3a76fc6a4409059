import { buildStack } from '../support/stacks';

/** Asset hashes and hash-suffixed logical ids change with every code change: the snapshot is about the infrastructure. */
const normalised = (template: unknown): unknown =>
  JSON.parse(
    JSON.stringify(template)
      .replace(/[0-9a-f]{64}(\.zip)?/g, 'ASSET_HASH$1')
      .replace(/CurrentVersion([0-9A-F]{8})[0-9a-f]{32}/g, 'CurrentVersion$1VERSION_HASH'),
  ) as unknown;

describe('the production template', () => {
  it('matches the reviewed snapshot', () => {
    expect(normalised(buildStack('prod').template.toJSON())).toMatchSnapshot();
  });
});
