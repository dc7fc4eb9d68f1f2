'use strict';
// Records the SQL text a process sends through `pg`, so a bench can check that its baseline does the
// same database work as Dragnet. Installed in-process by a bench (its own pg clients) or with
// `node --require statement-capture-preload.js` in a child (the API, the worker, a baseline server).
const { AsyncLocalStorage } = require('node:async_hooks');
const http = require('node:http');

/** One spelling per statement: whitespace runs collapsed, so layout differences do not count. */
const normaliseStatement = (text) => text.replace(/\s+/g, ' ').trim();

let installed = null;
/** Values are kept for statements with at most this many (a bench may compare them); bulk ones not. */
const MAX_VALUES = 100;

/**
 * Wraps `Client.prototype.query` of the `pg` the process uses. With `requestsOnly`, only statements
 * sent while an HTTP request is being handled count (background loops such as the outbox relay do not).
 * Returns { start(), stop() -> [{ text, values }] } ; recording costs nothing while stopped.
 */
function installStatementCapture({ requestsOnly = false } = {}) {
  if (installed) return installed;
  const pg = require('pg');
  const requests = new AsyncLocalStorage();
  if (requestsOnly) {
    const emit = http.Server.prototype.emit;
    http.Server.prototype.emit = function (event, ...args) {
      return event === 'request'
        ? requests.run(true, () => emit.call(this, event, ...args))
        : emit.call(this, event, ...args);
    };
  }
  let recording = null;
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (config, ...rest) {
    if (recording && (!requestsOnly || requests.getStore())) {
      const text = typeof config === 'string' ? config : config?.text;
      const values = Array.isArray(rest[0]) ? rest[0] : config?.values;
      if (text)
        recording.push({ text: normaliseStatement(text), values: values?.length <= MAX_VALUES ? values : undefined });
    }
    return query.call(this, config, ...rest);
  };
  installed = {
    start() {
      recording = [];
    },
    stop() {
      const statements = recording ?? [];
      recording = null;
      requests.disable();
      return statements;
    },
  };
  return installed;
}

module.exports = { installStatementCapture, normaliseStatement };
