// Preloaded (`node --import`) into every process `npm start` runs: when npm start dies without
// stopping it (SIGKILL, a crash), the process is handed to another parent; it then stops itself
// as Ctrl-C would stop it, instead of running on and holding its port. Plain JavaScript: it loads
// before any TypeScript loader.
//
// npm start names itself in INLET_PARENT_PID: a part spawned just before npm start died would
// otherwise see its new parent already here and take it for npm start. The variable is removed so
// that the part's own forks (the gateway's workers) watch the part, not npm start.
const named = Number(process.env.INLET_PARENT_PID);
delete process.env.INLET_PARENT_PID;
const parent = Number.isInteger(named) && named > 0 ? named : process.ppid;
const watch = setInterval(() => {
  if (process.ppid === parent) return;
  clearInterval(watch);
  process.kill(process.pid, 'SIGTERM');
  // A stop that hangs (the parts it talks to are gone too) must not keep the process, and its
  // port, alive for ever.
  setTimeout(() => process.kill(process.pid, 'SIGKILL'), 30_000).unref();
}, 1_000);
watch.unref();
