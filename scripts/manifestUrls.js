/**
 * Where the add-in is served from, for the manifest copied into dist/ by the production build.
 * manifest.xml names the development host (https://localhost:3000/); a build for a desk's own
 * host sets ADDIN_PUBLIC_URL and every URL of the manifest, <AppDomain> included, is rewritten
 * to it. The URL is normalised (a missing trailing slash added) or rejected with a message:
 * Office loads add-ins over HTTPS only, and a query, fragment or credentials would be glued in
 * front of every file name.
 */
const DEV_URL = 'https://localhost:3000/';

/** `https://host[:port]/path/`, always ending in one slash; throws with a message when it cannot be. */
function normalisePublicUrl(text) {
  const raw = String(text ?? '').trim();
  const reject = (why) => {
    throw new Error(`ADDIN_PUBLIC_URL: ${why}, got "${raw}". Expected the HTTPS address the add-in's files are served from, such as https://addins.example.com/cwalt/`);
  };
  if (raw === '') reject('empty');
  let url;
  try {
    url = new URL(raw);
  } catch {
    reject('not an absolute URL');
  }
  if (url.protocol !== 'https:') reject('Office loads add-ins over HTTPS only');
  if (url.username || url.password) reject('credentials do not belong in a manifest');
  if (url.search || url.hash || raw.includes('?') || raw.includes('#')) reject('no query or fragment: file names are appended to it');
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.origin}${path}/`;
}

/** The public URL a build uses: ADDIN_PUBLIC_URL normalised, or the development host when unset. */
function publicUrlFromEnv(env = process.env) {
  const value = env.ADDIN_PUBLIC_URL;
  return value === undefined || value === '' ? DEV_URL : normalisePublicUrl(value);
}

/** The manifest with every development URL, and the <AppDomain> origin, pointing at `publicUrl`. */
function rewriteManifest(xml, publicUrl) {
  const base = normalisePublicUrl(publicUrl);
  const devOrigin = new URL(DEV_URL).origin;
  const escaped = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const out = String(xml)
    .replace(new RegExp(escaped(DEV_URL), 'g'), base)
    .replace(new RegExp(`<AppDomain>\\s*${escaped(devOrigin)}/?\\s*</AppDomain>`, 'g'), `<AppDomain>${new URL(base).origin}</AppDomain>`);
  if (base !== DEV_URL && out.includes(devOrigin)) {
    throw new Error(`manifest.xml still names ${devOrigin} after rewriting it for ${base}: every URL should start with ${DEV_URL}`);
  }
  return out;
}

module.exports = { DEV_URL, normalisePublicUrl, publicUrlFromEnv, rewriteManifest };
