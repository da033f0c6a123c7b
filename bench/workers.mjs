// `--workers N`: the built server as PM2's cluster mode runs it (deploy/ecosystem.config.cjs,
// `instances: 2, exec_mode: 'cluster'`): N workers of node:cluster sharing one port, the primary
// handing them connections in turn. Usage: node bench/workers.mjs N ENTRY PIDS_FILE [node args…]
// Writes the primary's and the workers' PIDs to PIDS_FILE once every worker listens; on SIGTERM
// or SIGINT it stops the workers (each finishes its requests) and exits when they have. A worker
// that dies stops the whole, so that the bench does not measure fewer workers than it says.
import cluster from 'node:cluster';
import { writeFileSync } from 'node:fs';

const [count, entry, pidsFile, ...execArgv] = process.argv.slice(2);
const n = Number(count);
if (!Number.isInteger(n) || n < 1 || !entry || !pidsFile) {
  console.error('usage: node bench/workers.mjs N ENTRY PIDS_FILE [node args…]');
  process.exit(2);
}

cluster.setupPrimary({ exec: entry, execArgv });
let listening = 0;
let stopping = false;
let exitCode = 0;
cluster.on('listening', () => {
  listening++;
  if (listening === n) {
    const pids = [process.pid, ...Object.values(cluster.workers ?? {}).map((w) => w?.process.pid)];
    writeFileSync(pidsFile, JSON.stringify(pids));
  }
});
cluster.on('exit', (worker, code, signal) => {
  if (stopping) {
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(exitCode);
    return;
  }
  console.error(`worker ${worker.process.pid} exited (${signal ?? code}); stopping the others`);
  stop(1);
});

function stop(code) {
  stopping = true;
  exitCode ||= code;
  const workers = Object.values(cluster.workers ?? {});
  if (workers.length === 0) process.exit(exitCode);
  for (const w of workers) w?.process.kill('SIGTERM');
}
process.on('SIGTERM', () => stop(0));
process.on('SIGINT', () => stop(0));

for (let i = 0; i < n; i++) cluster.fork();
