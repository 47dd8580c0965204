// Preloaded (`node --import`) into every process `npm start` runs: when npm start dies without
// stopping it (SIGKILL, a crash), the process is handed to another parent; it then stops itself
// as Ctrl-C would stop it, instead of running on and holding its port. Plain JavaScript: it loads
// before any TypeScript loader.
const parent = process.ppid;
const watch = setInterval(() => {
  if (process.ppid === parent) return;
  clearInterval(watch);
  process.kill(process.pid, 'SIGTERM');
}, 1_000);
watch.unref();
