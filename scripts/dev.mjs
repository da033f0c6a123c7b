// `npm run dev`: the backend with reload (tsx watch) and the client with Vite's dev server
// (http://localhost:5173, proxying /api to the backend on 4000).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const children = [
  spawn(process.execPath, ['--conditions=source', '--import', 'tsx', '--watch', 'backend/src/index.ts'], {
    cwd: root,
    stdio: 'inherit',
  }),
  spawn(process.platform === 'win32' ? 'npx.cmd' : 'npx', ['vite'], {
    cwd: path.join(root, 'client'),
    stdio: 'inherit',
  }),
];
const stop = (signal) => {
  for (const child of children) child.kill(signal);
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
for (const child of children)
  child.on('exit', (code) => {
    stop('SIGTERM');
    process.exitCode = code ?? 0;
  });
