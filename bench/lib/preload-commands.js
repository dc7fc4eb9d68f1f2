'use strict';
// The other half of preloadSwitch (harness.js), in a benchmarked child: polls `dir/command` and calls
// `start` or `stop` when the bench writes that word there.
const fs = require('node:fs');
const path = require('node:path');

function onCommands(dir, { start, stop }, intervalMs = 20) {
  const command = path.join(dir, 'command');
  setInterval(() => {
    let text;
    try {
      text = fs.readFileSync(command, 'utf8').trim();
    } catch {
      return; // no command
    }
    if (text === '') return; // being written: read it next time
    fs.rmSync(command, { force: true });
    if (text === 'start') start();
    else if (text === 'stop') stop();
  }, intervalMs).unref();
}

module.exports = { onCommands };
