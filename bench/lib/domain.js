'use strict';
// The domain package (`@dragnet/domain`, its front doors) for benches that run a piece of domain code
// themselves (name folding for seeding, the roll-up figures, the export's row query). Loaded from the
// TypeScript source through its package door, compiled in memory, never from dist/, so a bench always
// runs the code as it is in the tree.
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
let domain = null;

function registerTypeScript() {
  const ts = require('typescript');
  const { addHook } = require('pirates');
  const { config } = ts.readConfigFile(path.join(ROOT, 'tsconfig.json'), ts.sys.readFile);
  const compilerOptions = {
    ...ts.convertCompilerOptionsFromJson(config.compilerOptions, ROOT).options,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    sourceMap: false,
    inlineSourceMap: false,
  };
  addHook((code, fileName) => ts.transpileModule(code, { compilerOptions, fileName }).outputText, {
    exts: ['.ts'],
    matcher: (fileName) =>
      fileName.startsWith(ROOT + path.sep) && !fileName.includes(`${path.sep}node_modules${path.sep}`),
  });
  // The two workspace packages, as tsconfig.json's paths map them.
  const resolve = Module._resolveFilename;
  Module._resolveFilename = function (request, parent, ...rest) {
    const match = /^@dragnet\/(platform|domain)(\/.*)?$/.exec(request);
    if (match) request = path.join(ROOT, 'libs', match[1], 'src', match[2] ? match[2].slice(1) : 'index.ts');
    return resolve.call(this, request, parent, ...rest);
  };
}

/** `require('@dragnet/domain')`, compiled from the source on first use. */
function loadDomain() {
  if (domain) return domain;
  if (!fs.existsSync(path.join(ROOT, 'libs/domain/src/index.ts')))
    throw new Error('libs/domain/src/index.ts is missing');
  registerTypeScript();
  require('reflect-metadata');
  domain = require('@dragnet/domain');
  return domain;
}

module.exports = { loadDomain };
