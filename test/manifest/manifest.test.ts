/**
 * Structural checks of manifest.xml: the online validator is not reachable from a build machine
 * (excel.md §2), so these are the offline gate: well-formed XML, every resid resolves, one shared
 * runtime URL, namespace CWALT, HTTPS URLs that name files webpack actually emits.
 */
import fs from 'fs';
import path from 'path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

const ROOT = path.resolve(__dirname, '../..');
const xml = fs.readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8');
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', removeNSPrefix: true, isArray: (name) => ['Image', 'Url', 'String', 'Set', 'Runtime'].includes(name) });
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const app = parser.parse(xml).OfficeApp as any;
const host = app.VersionOverrides.Hosts.Host;
const resources = app.VersionOverrides.Resources;

type Resource = { '@id': string; '@DefaultValue': string };
const urls = new Map<string, string>((resources.Urls.Url as Resource[]).map((u) => [u['@id'], u['@DefaultValue']]));
const images = new Map<string, string>((resources.Images.Image as Resource[]).map((u) => [u['@id'], u['@DefaultValue']]));
const strings = new Map<string, string>(
  [...(resources.ShortStrings.String as Resource[]), ...(resources.LongStrings.String as Resource[])].map((u) => [u['@id'], u['@DefaultValue']]),
);

describe('manifest.xml', () => {
  it('is well-formed XML', () => {
    expect(XMLValidator.validate(xml)).toBe(true);
  });

  it('every resid resolves to a declared resource', () => {
    const resids = [...xml.matchAll(/resid="([^"]+)"/g)].map((m) => m[1]);
    expect(resids.length).toBeGreaterThan(10);
    for (const id of resids) expect(urls.has(id) || images.has(id) || strings.has(id)).toBe(true);
  });

  it('is a workbook task-pane add-in with a shared runtime and the smallest permission that lets the pane write', () => {
    expect(app['@type']).toBe('TaskPaneApp');
    expect(app.Hosts.Host['@Name']).toBe('Workbook');
    expect(app.Requirements.Sets.Set.map((s: { '@Name': string }) => s['@Name'])).toContain('SharedRuntime');
    expect(app.Permissions).toBe('ReadWriteDocument');
    expect(app.Id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it('shares one page between the runtime, the functions page, the function file and the task-pane button', () => {
    const runtime = host.Runtimes.Runtime[0];
    expect(runtime['@lifetime']).toBe('long');
    const ext = host.AllFormFactors.ExtensionPoint;
    expect(ext['@type']).toBe('CustomFunctions');
    const button = host.DesktopFormFactor.ExtensionPoint.OfficeTab.Group.Control;
    const shared = [runtime['@resid'], ext.Page.SourceLocation['@resid'], host.DesktopFormFactor.FunctionFile['@resid'], button.Action.SourceLocation['@resid']];
    expect(new Set(shared).size).toBe(1);
    expect(urls.get(shared[0])).toMatch(/\/taskpane\.html$/);
    expect(app.DefaultSettings.SourceLocation['@DefaultValue']).toBe(urls.get(shared[0]));
  });

  it('declares the CWALT namespace and points at the built functions.js and functions.json', () => {
    const ext = host.AllFormFactors.ExtensionPoint;
    expect(strings.get(ext.Namespace['@resid'])).toBe('CWALT');
    expect(urls.get(ext.Script.SourceLocation['@resid'])).toMatch(/\/functions\.js$/);
    expect(urls.get(ext.Metadata.SourceLocation['@resid'])).toMatch(/\/functions\.json$/);
  });

  it('uses HTTPS everywhere, and every URL names a file the build emits', () => {
    const dist = path.join(ROOT, 'dist');
    for (const url of [...urls.values(), ...images.values()]) {
      expect(url).toMatch(/^https:\/\//);
      const file = new URL(url).pathname.replace(/^\//, '');
      expect(fs.existsSync(path.join(dist, file))).toBe(true);
    }
    for (const attr of ['IconUrl', 'HighResolutionIconUrl', 'SupportUrl']) expect(app[attr]['@DefaultValue']).toMatch(/^https:\/\//);
  });
});
