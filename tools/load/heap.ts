/**
 * Heap measurements that mean something: taken after full garbage collections, so what is
 * left is what the process still holds. `global.gc` is exposed at run time when Node was not
 * started with --expose-gc.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | undefined;

const garbageCollector = (): (() => void) => {
  if (collect) return collect;
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return (collect = exposed);
  setFlagsFromString('--expose-gc');
  collect = runInNewContext('gc') as () => void;
  return collect;
};

/** Bytes of V8 heap in use after collecting twice (the second pass frees what finalizers released). */
export const heapUsedAfterGc = async (): Promise<number> => {
  const gc = garbageCollector();
  gc();
  // Let pending callbacks (closed sockets, timers) run before the second pass.
  await new Promise((resolve) => setImmediate(resolve));
  gc();
  return process.memoryUsage().heapUsed;
};
