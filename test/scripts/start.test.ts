/**
 * Issue 20: `npm start` used to run `npx --yes office-addin-debugging@7`, unpinned and outside the
 * lockfile, and that tool installs a trusted root certificate. It is now a pinned dev dependency,
 * run from node_modules, and nothing in the scripts fetches a package at start.
 */
import { execFileSync } from 'child_process';
import fs from 'fs';
import path from 'path';

const root = path.resolve(__dirname, '../..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
const start = fs.readFileSync(path.join(root, 'scripts/start.mjs'), 'utf8');

describe('npm start', () => {
  it('office-addin-debugging is a dev dependency pinned to one version, the lockfile agreeing', () => {
    const pinned = pkg.devDependencies['office-addin-debugging'];
    expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
    expect(lock.packages['node_modules/office-addin-debugging']).toEqual(expect.objectContaining({ version: pinned, dev: true }));
  });

  it('runs the installed copy: no npx --yes, no package@version fetched at start', () => {
    expect(start).not.toMatch(/--yes/);
    expect(start).not.toMatch(/['"`][a-z@][\w./-]*@\d/);
    expect(start).toMatch(/localBin\('office-addin-debugging'\)/);
  });

  it('the installed copy runs offline', () => {
    const cli = path.join(root, 'node_modules/office-addin-debugging', JSON.parse(fs.readFileSync(path.join(root, 'node_modules/office-addin-debugging/package.json'), 'utf8')).bin['office-addin-debugging']);
    expect(execFileSync(process.execPath, [cli, 'start', '--help'], { encoding: 'utf8' })).toMatch(/^Usage: office-addin-debugging start/);
  });
});
