'use strict';
// Loaded into a benchmarked child with `node --require` (see statementRecorder in harness.js).
// Writing `start` to $BENCH_STATEMENT_DIR/command starts recording the SQL the process sends; `stop`
// writes the statements to <pid>-<n>.json there. A file, not a signal: Nest's shutdown hooks take them.
const fs = require('node:fs');
const path = require('node:path');
const { installStatementCapture } = require('./statement-capture');

const dir = process.env.BENCH_STATEMENT_DIR;
if (dir) {
  const capture = installStatementCapture({ requestsOnly: process.env.BENCH_STATEMENT_SCOPE === 'requests' });
  const command = path.join(dir, 'command');
  let written = 0;
  let started = false;
  setInterval(() => {
    let text;
    try {
      text = fs.readFileSync(command, 'utf8').trim();
    } catch {
      return; // no command
    }
    fs.rmSync(command, { force: true });
    if (text === 'start' && !started) {
      capture.start();
      started = true;
      fs.writeFileSync(path.join(dir, `started-${process.pid}`), '');
    } else if (text === 'stop' && started) {
      started = false;
      const file = path.join(dir, `${process.pid}-${++written}.json`);
      fs.writeFileSync(`${file}.tmp`, JSON.stringify(capture.stop()));
      fs.rmSync(path.join(dir, `started-${process.pid}`), { force: true });
      fs.renameSync(`${file}.tmp`, file);
    }
  }, 20).unref();
}
