'use strict';
// Loaded into a benchmarked child with `node --require` (see statementRecorder in harness.js).
// Writing `start` to $BENCH_STATEMENT_DIR/command starts recording the SQL the process sends; `stop`
// writes the statements to <pid>-<n>.json there. A file, not a signal: Nest's shutdown hooks take them.
const fs = require('node:fs');
const path = require('node:path');
const { onCommands } = require('./preload-commands');
const { installStatementCapture } = require('./statement-capture');

const dir = process.env.BENCH_STATEMENT_DIR;
if (dir) {
  const capture = installStatementCapture({ requestsOnly: process.env.BENCH_STATEMENT_SCOPE === 'requests' });
  let written = 0;
  let started = false;
  onCommands(dir, {
    start() {
      if (started) return;
      capture.start();
      started = true;
      fs.writeFileSync(path.join(dir, `started-${process.pid}`), '');
    },
    stop() {
      if (!started) return;
      started = false;
      const file = path.join(dir, `${process.pid}-${++written}.json`);
      fs.writeFileSync(`${file}.tmp`, JSON.stringify(capture.stop()));
      fs.rmSync(path.join(dir, `started-${process.pid}`), { force: true });
      fs.renameSync(`${file}.tmp`, file);
    },
  });
}
