// `npm start`: builds whatever is not built yet, then runs the server as
// `node backend/dist/index.js` (the process name the operations guide greps for), on the embedded
// database with a bounded JavaScript heap (EMBEDDED_HEAP_MB) and two malloc arenas (backend/src/launch.ts).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const steps = [
  ['contract', 'contract/dist/index.js'],
  // launch.js came after index.js: a build without it is built again.
  ['backend', 'backend/dist/launch.js'],
  ['client', 'client/dist/index.html'],
];
for (const [workspace, output] of steps) {
  if (existsSync(path.join(root, output))) continue;
  console.log(`Building ${workspace} (no ${output} yet)…`);
  const result = spawnSync(npm, ['run', 'build', '-w', workspace], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const { serverEnvFor, serverNodeArgsFor } = await import('../backend/dist/launch.js');
const server = spawn(process.execPath, [...serverNodeArgsFor(process.env), 'backend/dist/index.js'], {
  cwd: root,
  env: { ...process.env, ...serverEnvFor(process.env) },
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.kill(signal));
}
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
