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
 * Returns { start(), stop() -> [{ text, values, ms }] } ; recording costs nothing while stopped.
 */
function installStatementCapture({ requestsOnly = false } = {}) {
  if (installed) return installed;
  const pg = require('pg');
  const requests = new AsyncLocalStorage();
  let recording = null;
  if (requestsOnly) {
    // Only while recording: an active AsyncLocalStorage costs every promise a hook, which would slow
    // the measured runs.
    const emit = http.Server.prototype.emit;
    http.Server.prototype.emit = function (event, ...args) {
      if (event !== 'request' || !recording) return emit.call(this, event, ...args);
      return requests.run(true, () => emit.call(this, event, ...args));
    };
  }
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (config, ...rest) {
    const text = typeof config === 'string' ? config : config?.text;
    if (!recording || (requestsOnly && !requests.getStore()) || !text) return query.call(this, config, ...rest);
    const values = Array.isArray(rest[0]) ? rest[0] : config?.values;
    const statement = { text: normaliseStatement(text), values: values?.length <= MAX_VALUES ? values : undefined };
    recording.push(statement);
    // How long it took: until its callback or promise, or the end of a COPY stream.
    const started = process.hrtime.bigint();
    const took = () => (statement.ms ??= Number(process.hrtime.bigint() - started) / 1e6);
    const last = rest.length - 1;
    if (typeof rest[last] === 'function') {
      const callback = rest[last];
      rest[last] = (...answer) => {
        took();
        return callback(...answer);
      };
    }
    const result = query.call(this, config, ...rest);
    if (typeof result?.then === 'function') result.then(took, took);
    else if (typeof config?.on === 'function') ['finish', 'end', 'error'].forEach((event) => config.once(event, took));
    return result;
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
