/**
 * A zod schema built on first use. Building zod schemas is real work (each one wires up its
 * checks and parsers); built at import, every schema a module declares costs every cold start,
 * including those of hooks this function never serves.
 */
import type * as z from 'zod/mini';

export interface LazySchema<S extends z.ZodMiniType> {
  /** The schema itself, built now if it was not yet. */
  readonly schema: S;
  parse(input: unknown): z.output<S>;
  safeParse(input: unknown, params?: z.core.ParseContext<z.core.$ZodIssue>): z.core.util.SafeParseResult<z.output<S>>;
}

export const lazySchema = <S extends z.ZodMiniType>(build: () => S): LazySchema<S> => {
  let built: S | undefined;
  const schema = () => (built ??= build());
  return {
    get schema() {
      return schema();
    },
    parse: (input) => schema().parse(input),
    safeParse: (input, params) => schema().safeParse(input, params),
  };
};

/** The output type of a lazy schema. */
export type LazyOutput<L> = L extends LazySchema<infer S> ? z.output<S> : never;
