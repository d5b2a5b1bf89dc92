// Preloaded into every local Node.js server Chorus starts (node --require): the server exits as soon as the process
// that started it is gone, however that process died (kill -9 included), so no Azurite or maildev is left holding
// its ports. When a parent dies, its children are re-parented, so a changed parent pid is the signal.
'use strict';
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) {
    process.exit(0);
  }
}, 250).unref();
