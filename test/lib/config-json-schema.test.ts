import { readFileSync } from 'node:fs';
import path from 'node:path';
import { configJsonSchema } from '../../lib/config-json-schema';

describe('config/config.schema.json', () => {
  it('is what npm run config:schema writes from the zod schema', () => {
    const committed = JSON.parse(readFileSync(path.join(__dirname, '../../config/config.schema.json'), 'utf8')) as unknown;
    expect(committed).toEqual(JSON.parse(JSON.stringify(configJsonSchema())));
  });
});
