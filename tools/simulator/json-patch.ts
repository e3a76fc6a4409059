/** Applies Okta's JSON-Patch-like operations (add, replace, remove) to a copy of a document. */
import { parsePointer } from '../../lambdas/shared/okta/json-pointer';

export class PatchFailed extends Error {}

type Container = Record<string, unknown> | unknown[];

const isContainer = (value: unknown): value is Container => typeof value === 'object' && value !== null;

export const applyPatch = <T>(document: T, operations: readonly { op: string; path: string; value?: unknown }[]): T => {
  const copy = structuredClone(document);
  for (const { op, path, value } of operations) {
    const segments = parsePointer(path);
    if (!segments || segments.length === 0) throw new PatchFailed(`bad path ${path}`);
    let parent: unknown = copy;
    for (const segment of segments.slice(0, -1)) {
      if (!isContainer(parent)) throw new PatchFailed(`${path}: ${segment} is not an object`);
      parent = Array.isArray(parent) ? parent[Number(segment)] : parent[segment];
    }
    const last = segments.at(-1) ?? '';
    if (!isContainer(parent)) throw new PatchFailed(`${path}: the parent does not exist`);
    if (Array.isArray(parent)) {
      const index = last === '-' ? parent.length : Number(last);
      if (!Number.isInteger(index) || index < 0 || index > parent.length || (op !== 'add' && index >= parent.length)) {
        throw new PatchFailed(`${path}: index out of range`);
      }
      if (op === 'add') parent.splice(index, 0, value);
      else if (op === 'replace') parent[index] = value;
      else parent.splice(index, 1);
    } else {
      if (op !== 'add' && !(last in parent)) throw new PatchFailed(`${path}: ${op} of a member that does not exist`);
      if (op === 'remove') Reflect.deleteProperty(parent, last);
      else parent[last] = value;
    }
  }
  return copy;
};
