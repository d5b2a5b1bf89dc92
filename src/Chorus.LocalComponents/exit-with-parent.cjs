// Preloaded into every local Node.js server Chorus starts (node --require): the server exits as soon as the process
// that started it is gone, however that process died (kill -9 included), so no Azurite or maildev is left holding
// its ports. When a parent dies, its children are re-parented, so a changed parent pid is the signal.
// It stops as if asked to (SIGTERM), so an Azurite that keeps its data in a folder saves its databases first (it
// writes them only every 5 s otherwise), and exits anyway 3 s later: a graceful stop may wait on idle connections.
'use strict';
const parent = process.ppid;

// With the parent gone, so is the reader of our output: a write to it must not crash the server before it has saved.
process.stdout.on('error', () => {});
process.stderr.on('error', () => {});
setInterval(() => {
  if (process.ppid !== parent) {
    setTimeout(() => process.exit(0), 3000);
    process.kill(process.pid, 'SIGTERM');
  }
}, 250).unref();
