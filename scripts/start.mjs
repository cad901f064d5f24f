#!/usr/bin/env node
// `npm start`: build the add-in, then
//  - where desktop Excel exists (Windows or macOS with Excel installed) sideload it with Microsoft's
//    office-addin-debugging (HTTPS dev server on https://localhost:3000, trusted dev certificates),
//    the version pinned in package.json and the lockfile, run from node_modules: nothing is fetched
//    at start, and nothing unpinned gets to install a root certificate;
//  - everywhere else (Linux, CI, no Excel) serve the standalone preview over plain HTTP and say where.
// `npm start -- --preview` forces the preview; `--port N` picks the port (default 3000).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const port = Number(args[args.indexOf('--port') + 1]) || 3000;
const forcePreview = args.includes('--preview');
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The script of an installed package's command, run with this node (no npx, no download). */
function localBin(pkg, name = pkg) {
  const dir = path.join(root, 'node_modules', pkg);
  const manifest = path.join(dir, 'package.json');
  if (!existsSync(manifest)) {
    console.error(`${pkg} is not installed: run "npm install" first (it is a pinned dev dependency).`);
    process.exit(1);
  }
  const { bin } = JSON.parse(readFileSync(manifest, 'utf8'));
  return path.join(dir, typeof bin === 'string' ? bin : bin[name]);
}

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
  spawn(process.execPath, [localBin('office-addin-debugging'), 'start', 'manifest.xml', 'desktop', '--dev-server', `npx --no-install webpack serve --mode development --server-type https --port ${port}`, '--dev-server-port', String(port)], { stdio: 'inherit' });
} else {
  run(npx, ['webpack', '--mode', 'development']);
  console.log(`\nNo Excel on this machine: the standalone preview is at http://127.0.0.1:${port}/taskpane.html\n(Ctrl+C to stop.)\n`);
  spawn(npx, ['webpack', 'serve', '--mode', 'development', '--host', '127.0.0.1', '--port', String(port), '--no-hot', '--no-live-reload'], { stdio: 'inherit' });
}
