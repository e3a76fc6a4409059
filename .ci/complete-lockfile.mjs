#!/usr/bin/env node
// The registry mirror this project is built against serves only some platforms' builds of
// @swc/core and unrs-resolver (jest's resolver), so `npm install` here leaves their other
// platforms' optional packages out of package-lock.json, and `npm ci` then refuses the
// lockfile as out of sync. This adds the entries npm would have written on a full registry:
// name, version and the platform fields (read from the package's naming scheme). npm ci
// skips them on any other platform without fetching them; where they match, npm fetches them
// as usual. Run it after `npm install` changes the lockfile: node .ci/complete-lockfile.mjs
import { readFileSync, writeFileSync } from 'node:fs';

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(file, 'utf8'));

const cpus = ['arm64', 'x64', 'ia32', 'arm', 'ppc64', 's390x', 'riscv64', 'loong64', 'wasm32'];
const systems = ['darwin', 'linux', 'win32', 'freebsd', 'android', 'openharmony'];

const platformOf = (name) => {
  const parts = name.split('/').pop().split('-');
  const os = parts.find((part) => systems.includes(part));
  const cpu = parts.find((part) => cpus.includes(part));
  if (!os || !cpu) return undefined;
  const libc = os === 'linux' ? (parts.some((part) => part.startsWith('musl')) ? 'musl' : parts.some((part) => part.startsWith('gnu')) ? 'glibc' : undefined) : undefined;
  return { cpu: [cpu], ...(libc ? { libc: [libc] } : {}), os: [os] };
};

let added = 0;
for (const [location, entry] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`;
    if (lock.packages[key]) continue;
    const platform = platformOf(name);
    if (!platform) throw new Error(`${location} needs ${name}, which is not in the lockfile and names no platform: run npm install`);
    lock.packages[key] = { version, ...(entry.dev ? { dev: true } : {}), optional: true, ...platform };
    added += 1;
  }
}
lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`package-lock.json: ${added} optional platform package${added === 1 ? '' : 's'} added`);
