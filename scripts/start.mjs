#!/usr/bin/env node
// `npm start`: build the add-in, then
//  - where desktop Excel exists (Windows or macOS with Excel installed) sideload it with Microsoft's
//    office-addin-debugging (HTTPS dev server on https://localhost:3000, trusted dev certificates);
//  - everywhere else (Linux, CI, no Excel) serve the standalone preview over plain HTTP and say where.
// `npm start -- --preview` forces the preview; `--port N` picks the port (default 3000).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2);
const port = Number(args[args.indexOf('--port') + 1]) || 3000;
const forcePreview = args.includes('--preview');
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

function excelInstalled() {
  if (process.platform === 'darwin') return existsSync('/Applications/Microsoft Excel.app');
  if (process.platform === 'win32') {
    const roots = [process.env.ProgramFiles, process.env['ProgramFiles(x86)']].filter(Boolean);
    return roots.some((root) => existsSync(path.join(root, 'Microsoft Office', 'root', 'Office16', 'EXCEL.EXE')));
  }
  return false;
}

const run = (cmd, cmdArgs) => {
  const r = spawnSync(cmd, cmdArgs, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

if (!forcePreview && excelInstalled()) {
  console.log('Excel found: building and sideloading the add-in (office-addin-debugging; the first run installs trusted dev certificates).');
  run(npx, ['webpack', '--mode', 'development']);
  spawn(npx, ['--yes', 'office-addin-debugging@7', 'start', 'manifest.xml', 'desktop', '--dev-server', `npx webpack serve --mode development --server-type https --port ${port}`, '--dev-server-port', String(port)], { stdio: 'inherit' });
} else {
  run(npx, ['webpack', '--mode', 'development']);
  console.log(`\nNo Excel on this machine: the standalone preview is at http://127.0.0.1:${port}/taskpane.html\n(Ctrl+C to stop.)\n`);
  spawn(npx, ['webpack', 'serve', '--mode', 'development', '--host', '127.0.0.1', '--port', String(port), '--no-hot', '--no-live-reload'], { stdio: 'inherit' });
}
