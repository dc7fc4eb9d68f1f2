#!/usr/bin/env node
// Records the other platforms' optional native packages in package-lock.json.
//
// This machine's npm registry only carries the Linux builds of packages such as
// @unrs/resolver-binding-* (Jest) and @msgpackr-extract/* (BullMQ), so `npm install` leaves the
// others out of the lock file, and `npm ci` then refuses the lock file ("Missing: ... from lock
// file"). Each missing package is added with its os and cpu, so `npm ci` knows to skip it here.
// Run after any `npm install` that changes dependencies: `node scripts/lockfile-foreign-platforms.js`.
const fs = require('node:fs');

const OS = ['darwin', 'win32', 'linux', 'android', 'freebsd', 'openharmony', 'sunos', 'aix', 'netbsd', 'openbsd'];
const CPU = {
  x64: 'x64',
  arm64: 'arm64',
  arm: 'arm',
  ia32: 'ia32',
  loong64: 'loong64',
  ppc64: 'ppc64',
  riscv64: 'riscv64',
  s390x: 's390x',
  wasm32: 'wasm32',
};

function platformOf(name) {
  const parts = name.split('/').pop().split('-');
  const os = parts.find((part) => OS.includes(part));
  const cpu = parts.map((part) => CPU[part]).find(Boolean);
  const libc =
    parts.includes('musl') || parts.includes('musleabihf')
      ? 'musl'
      : parts.includes('gnu') || parts.includes('gnueabihf')
        ? 'glibc'
        : undefined;
  return { os, cpu, libc };
}

const path = 'package-lock.json';
const lock = JSON.parse(fs.readFileSync(path, 'utf8'));
let added = 0;
for (const [location, entry] of Object.entries(lock.packages)) {
  for (const [name, range] of Object.entries(entry.optionalDependencies ?? {})) {
    const nested = `${location ? `${location}/` : ''}node_modules/${name}`;
    if (lock.packages[nested] || lock.packages[`node_modules/${name}`]) continue;
    const { os, cpu, libc } = platformOf(name);
    if (!os || !cpu) {
      console.warn(`skipped ${name}: cannot tell its platform`);
      continue;
    }
    const version = String(range).replace(/^[\^~=]/, '');
    lock.packages[`node_modules/${name}`] = {
      version,
      ...(entry.dev ? { dev: true } : {}),
      optional: true,
      os: [os],
      cpu: [cpu],
      ...(libc ? { libc: [libc] } : {}),
    };
    added += 1;
  }
}
lock.packages = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
);
fs.writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`added ${added} foreign-platform packages to ${path}`);
