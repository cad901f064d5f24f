/**
 * The manifest a production build writes for a public host (ADDIN_PUBLIC_URL): the address is
 * normalised (with or without its trailing slash) or rejected with a message, and every URL of
 * dist/manifest.xml, <AppDomain> included, points at it. The build here is webpack.config.js
 * itself in production mode, with its entries swapped for an empty module so that only the
 * manifest step runs (the full bundle is built by `npm test` before jest and checked by
 * manifest.test.ts); the file names the URLs end in are checked against that full dist/.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import webpack from 'webpack';
import { XMLParser } from 'fast-xml-parser';

const ROOT = path.resolve(__dirname, '../..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const urls = require('../../scripts/manifestUrls') as {
  DEV_URL: string;
  normalisePublicUrl(text: string): string;
  publicUrlFromEnv(env: Record<string, string | undefined>): string;
  rewriteManifest(xml: string, url: string): string;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const configOf = require('../../webpack.config.js') as (env: unknown, argv: { mode: string }) => webpack.Configuration;

/** Runs the production config with ADDIN_PUBLIC_URL set, manifest step only, into a scratch folder. */
async function buildManifest(publicUrl: string): Promise<string> {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'cwalt-manifest-'));
  const empty = path.join(out, 'empty.js');
  fs.writeFileSync(empty, '');
  const saved = process.env.ADDIN_PUBLIC_URL;
  process.env.ADDIN_PUBLIC_URL = publicUrl;
  let config: webpack.Configuration;
  try {
    config = configOf({}, { mode: 'production' });
  } finally {
    if (saved === undefined) delete process.env.ADDIN_PUBLIC_URL;
    else process.env.ADDIN_PUBLIC_URL = saved;
  }
  const copy = (config.plugins ?? []).filter((p) => p?.constructor?.name === 'CopyPlugin');
  expect(copy).toHaveLength(1);
  const manifestOnly: webpack.Configuration = { ...config, context: ROOT, entry: { manifest: empty }, output: { path: out, filename: '[name].js' }, plugins: copy };
  await new Promise<void>((resolve, reject) =>
    webpack(manifestOnly, (error, stats) => {
      if (error) reject(error);
      else if (stats?.hasErrors()) reject(new Error(stats.toString('errors-only')));
      else resolve();
    }),
  );
  return fs.readFileSync(path.join(out, 'manifest.xml'), 'utf8');
}

/** Every URL-valued attribute or element of a manifest. */
function manifestUrls(xml: string): string[] {
  const found = [...xml.matchAll(/DefaultValue="(https?:\/\/[^"]*)"/g)].map((m) => m[1]);
  found.push(...[...xml.matchAll(/<AppDomain>([^<]*)<\/AppDomain>/g)].map((m) => m[1].trim()));
  return found;
}

describe('ADDIN_PUBLIC_URL', () => {
  it('is normalised with or without the trailing slash, on a host or below a path', () => {
    expect(urls.normalisePublicUrl('https://addins.example.com')).toBe('https://addins.example.com/');
    expect(urls.normalisePublicUrl('https://addins.example.com/')).toBe('https://addins.example.com/');
    expect(urls.normalisePublicUrl(' https://Addins.Example.com:8443/desk/cwalt ')).toBe('https://addins.example.com:8443/desk/cwalt/');
    expect(urls.normalisePublicUrl('https://addins.example.com/desk/cwalt//')).toBe('https://addins.example.com/desk/cwalt/');
    expect(urls.publicUrlFromEnv({})).toBe('https://localhost:3000/');
    expect(urls.publicUrlFromEnv({ ADDIN_PUBLIC_URL: 'https://host.example' })).toBe('https://host.example/');
  });

  it.each([
    ['http://addins.example.com/', /HTTPS only/],
    ['addins.example.com', /not an absolute URL/],
    ['   ', /empty/],
    ['https://addins.example.com/?v=2', /no query or fragment/],
    ['https://addins.example.com/#top', /no query or fragment/],
    ['https://user:secret@addins.example.com/', /credentials/],
  ])('rejects %j with a message naming the variable', (bad, why) => {
    expect(() => urls.normalisePublicUrl(bad)).toThrow(why);
    expect(() => urls.normalisePublicUrl(bad)).toThrow(/^ADDIN_PUBLIC_URL: /);
  });

  it('fails the production build (not only the manifest) when it is bad', () => {
    const saved = process.env.ADDIN_PUBLIC_URL;
    process.env.ADDIN_PUBLIC_URL = 'http://addins.example.com';
    try {
      expect(() => configOf({}, { mode: 'production' })).toThrow(/ADDIN_PUBLIC_URL: Office loads add-ins over HTTPS only, got "http:\/\/addins\.example\.com"/);
    } finally {
      if (saved === undefined) delete process.env.ADDIN_PUBLIC_URL;
      else process.env.ADDIN_PUBLIC_URL = saved;
    }
  });

  it.each(['https://addins.example.com', 'https://addins.example.com/desk/cwalt/'])('builds dist/manifest.xml for %s: every URL and the AppDomain rewritten', async (publicUrl) => {
    const xml = await buildManifest(publicUrl);
    const base = urls.normalisePublicUrl(publicUrl);
    const found = manifestUrls(xml);
    const source = manifestUrls(fs.readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8'));
    expect(found).toHaveLength(source.length);
    expect(found.length).toBeGreaterThan(10);
    expect(xml).not.toContain('localhost');
    expect(xml).toContain(`<AppDomain>${new URL(base).origin}</AppDomain>`);
    const dist = path.join(ROOT, 'dist');
    for (const url of found) {
      if (!url.includes('/', 'https://'.length)) {
        expect(url).toBe(new URL(base).origin); // the AppDomain
        continue;
      }
      expect(url.startsWith(base)).toBe(true);
      // The rest is a file the full build emits (taskpane.html, functions.js, assets/icon-32.png, ...).
      const file = url.slice(base.length);
      expect(file).toMatch(/^[\w/-]+\.\w+$/);
      expect(fs.existsSync(path.join(dist, file))).toBe(true);
    }
    // Still the manifest it was: the same elements, only the addresses changed.
    const parse = (x: string) => new XMLParser({ ignoreAttributes: false }).parse(x);
    expect(JSON.stringify(parse(xml)).replace(new RegExp(base.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'), 'g'), 'URL/').replace(new RegExp(new URL(base).origin.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'), 'g'), 'ORIGIN')).toBe(
      JSON.stringify(parse(fs.readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8'))).replace(/https:\/\/localhost:3000\//g, 'URL/').replace(/https:\/\/localhost:3000/g, 'ORIGIN'),
    );
  });

  it('leaves a development build pointing at the development host', () => {
    const xml = fs.readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8');
    expect(urls.rewriteManifest(xml, urls.DEV_URL)).toBe(xml);
  });
});

describe('manifest.xml requirements', () => {
  it('lists the CustomFunctionsRuntime 1.2 set that CustomFunctions.Error needs, beside SharedRuntime', () => {
    const xml = fs.readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8');
    expect(xml).toMatch(/<Set Name="SharedRuntime" MinVersion="1\.1"\/>/);
    expect(xml).toMatch(/<Set Name="CustomFunctionsRuntime" MinVersion="1\.2"\/>/);
  });
});
