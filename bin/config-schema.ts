/**
 * npm run config:schema: writes config/config.schema.json from the zod schema, so editors
 * complete and check the stage files. A test keeps the committed file current.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { configJsonSchema } from '../lib/config-json-schema';

const file = path.join(__dirname, '..', 'config', 'config.schema.json');
writeFileSync(file, `${JSON.stringify(configJsonSchema(), null, 2)}\n`);
console.log(`wrote ${path.relative(process.cwd(), file)}`);
