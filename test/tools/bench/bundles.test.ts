import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadStageConfig } from '../../../lib/stage-config';
import { functionKeysOf } from '../../../lib/function-settings';
import { buildBundles } from '../../../tools/bench/bundles';

// Keeps `npm run bench` from rotting: the floor, the references and every function still build.
describe('benchmark bundles', () => {
  it('builds the floor, the references and every function of a stage', async () => {
    const config = loadStageConfig('prod');
    const bundles = await buildBundles(config, mkdtempSync(path.join(tmpdir(), 'okta-hooks-bench-')));
    expect(bundles.filter((bundle) => bundle.kind === 'floor').map((bundle) => bundle.name)).toEqual(['floor']);
    expect(bundles.filter((bundle) => bundle.kind === 'function').map((bundle) => bundle.name).sort()).toEqual([...functionKeysOf(config)].sort());
    for (const bundle of bundles) expect(bundle.bytes).toBeGreaterThan(10_000);
  });
});
