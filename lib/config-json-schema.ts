import * as z from 'zod/mini';
import { serviceConfigSchema } from '../lambdas/shared/config/service-config';

/** The JSON Schema of a stage file, as an editor reads it: what may be written, defaults included. */
export const configJsonSchema = (): Record<string, unknown> => ({
  ...z.toJSONSchema(serviceConfigSchema, { io: 'input', unrepresentable: 'any' }),
  title: 'Okta hooks stage configuration',
});
