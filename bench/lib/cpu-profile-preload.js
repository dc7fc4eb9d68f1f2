'use strict';
// Loaded into a benchmarked process with `node --require` (see cpuProfiler in harness.js). Writing
// `start` to $BENCH_CPU_PROFILE_DIR/command starts the V8 CPU profiler; `stop` writes
// <pid>-<n>.cpuprofile there. So only the measured window is profiled (--cpu-prof would include the
// boot and needs a clean exit). A file, not a signal: Nest's shutdown hooks take SIGUSR2 and the rest.
const fs = require('node:fs');
const inspector = require('node:inspector');
const path = require('node:path');
const { onCommands } = require('./preload-commands');

const dir = process.env.BENCH_CPU_PROFILE_DIR;
let session = null;
let written = 0;

function start() {
  session = new inspector.Session();
  session.connect();
  session.post('Profiler.enable', () =>
    session.post('Profiler.setSamplingInterval', { interval: 500 }, () =>
      session.post('Profiler.start', () => fs.writeFileSync(path.join(dir, `started-${process.pid}`), '')),
    ),
  );
}

function stop() {
  const current = session;
  session = null;
  current.post('Profiler.stop', (error, result) => {
    fs.rmSync(path.join(dir, `started-${process.pid}`), { force: true });
    const file = path.join(dir, `${process.pid}-${++written}.cpuprofile`);
    if (error) fs.writeFileSync(path.join(dir, `error-${process.pid}`), String(error));
    else {
      fs.writeFileSync(`${file}.tmp`, JSON.stringify(result.profile));
      fs.renameSync(`${file}.tmp`, file);
    }
    current.disconnect();
  });
}

if (dir) {
  onCommands(dir, {
    start: () => session || start(),
    stop: () => session && stop(),
  });
}
