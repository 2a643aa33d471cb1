/**
 * manifest.xml checked offline (`npm run validate` posts it to Microsoft's
 * service and needs a network): well-formed, in the schema's element order,
 * every resid defined and used, labels as in the message catalogue, every
 * FunctionName associated in the function file, icons of the sizes named,
 * minimal permissions, localhost URLs for development.
 */
import * as fs from 'fs';
import * as path from 'path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { messages } from '../../src/core/messages';

const ROOT = path.join(__dirname, '..', '..');
const TEXT = fs.readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8');
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', preserveOrder: false, isArray: (name) => ['Control', 'bt:Image', 'bt:Url', 'bt:String', 'Set', 'Host'].includes(name) });
const XML = parser.parse(TEXT);
const APP = XML.OfficeApp;

/** Every attribute value of the given name anywhere in the document, with its element. */
function attributes(node: unknown, name: string, out: { element: string; value: string }[] = [], element = ''): { element: string; value: string }[] {
  if (Array.isArray(node)) node.forEach((n) => attributes(n, name, out, element));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === `@${name}`) out.push({ element, value: String(v) });
      else attributes(v, name, out, k);
    }
  }
  return out;
}

function pngSize(file: string): { width: number; height: number } {
  const b = fs.readFileSync(file);
  expect(b.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

const resources = APP.VersionOverrides.Resources;
const defined = new Map<string, string>();
for (const group of ['bt:Images', 'bt:Urls', 'bt:ShortStrings', 'bt:LongStrings']) {
  const items = Object.values(resources[group] as Record<string, { '@id': string; '@DefaultValue': string }[]>)[0];
  for (const item of items) {
    expect(defined.has(item['@id'])).toBe(false);
    defined.set(item['@id'], item['@DefaultValue']);
  }
}
const shortStrings = new Map(resources['bt:ShortStrings']['bt:String'].map((s: { '@id': string; '@DefaultValue': string }) => [s['@id'], s['@DefaultValue']]));
const longStrings = new Map(resources['bt:LongStrings']['bt:String'].map((s: { '@id': string; '@DefaultValue': string }) => [s['@id'], s['@DefaultValue']]));
const workbookHost = APP.VersionOverrides.Hosts.Host[0];
const group = workbookHost.DesktopFormFactor.ExtensionPoint.OfficeTab.Group;
const controls: Record<string, any>[] = group.Control;

test('well-formed XML, a task pane add-in for Excel only', () => {
  expect(XMLValidator.validate(TEXT)).toBe(true);
  expect(APP['@xsi:type']).toBe('TaskPaneApp');
  expect(APP.Id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  expect(APP.Version).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
  expect(APP.Hosts.Host).toEqual([{ '@Name': 'Workbook' }]);
  expect(workbookHost['@xsi:type']).toBe('Workbook');
  expect(APP.VersionOverrides['@xsi:type']).toBe('VersionOverridesV1_0');
});

test('the version follows package.json', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
  expect(APP.Version).toBe(`${pkg.version}.0`);
});

test('top-level elements in the order the schema requires', () => {
  const order = ['Id', 'AlternateId', 'Version', 'ProviderName', 'DefaultLocale', 'DisplayName', 'Description', 'IconUrl', 'HighResolutionIconUrl', 'SupportUrl', 'AppDomains', 'Hosts', 'Requirements', 'DefaultSettings', 'Permissions', 'VersionOverrides'];
  const seen = Object.keys(APP).filter((k) => !k.startsWith('@'));
  const positions = seen.map((k) => order.indexOf(k));
  expect(positions.every((p) => p >= 0)).toBe(true);
  expect([...positions].sort((a, b) => a - b)).toEqual(positions);
});

test('ReadWriteDocument permission and nothing more', () => {
  expect(APP.Permissions).toBe('ReadWriteDocument');
  expect(TEXT.match(/<Permissions>/g)).toHaveLength(1);
});

test('every resid is defined, and every resource is used', () => {
  const used = new Set(attributes(APP.VersionOverrides.Hosts, 'resid').map((a) => a.value));
  for (const id of used) expect(defined.has(id)).toBe(true);
  for (const id of defined.keys()) expect(used.has(id)).toBe(true);
});

test('a Home-tab group "Performance" with Refresh RAG (a function) and RAG settings (the task pane)', () => {
  const r = messages.office.ribbon;
  expect(workbookHost.DesktopFormFactor.ExtensionPoint['@xsi:type']).toBe('PrimaryCommandSurface');
  expect(workbookHost.DesktopFormFactor.ExtensionPoint.OfficeTab['@id']).toBe('TabHome');
  expect(shortStrings.get(group.Label['@resid'])).toBe(r.groupLabel);
  const [refresh, settings] = controls;
  expect(refresh.Action).toEqual({ '@xsi:type': 'ExecuteFunction', FunctionName: 'refreshRag' });
  expect(shortStrings.get(refresh.Label['@resid'])).toBe(r.refreshLabel);
  expect(longStrings.get(refresh.Supertip.Description['@resid'])).toBe(r.refreshTooltip);
  expect(settings.Action['@xsi:type']).toBe('ShowTaskpane');
  expect(shortStrings.get(settings.Label['@resid'])).toBe(r.settingsLabel);
  expect(longStrings.get(settings.Supertip.Description['@resid'])).toBe(r.settingsTooltip);
  expect(defined.get(settings.Action.SourceLocation['@resid'])).toBe('https://localhost:3000/taskpane.html');
  expect(shortStrings.get(workbookHost.DesktopFormFactor.GetStarted.Title['@resid'])).toBe(r.getStartedTitle);
  expect(longStrings.get(workbookHost.DesktopFormFactor.GetStarted.Description['@resid'])).toBe(r.getStartedDescription);
  expect(APP.DisplayName['@DefaultValue']).toBe(messages.office.addin.displayName);
  expect(APP.Description['@DefaultValue']).toBe(messages.office.addin.description);
  expect(new Set(controls.map((c) => c['@id'])).size).toBe(controls.length);
});

test('strings within the manifest’s limits (short 125, long 250 characters)', () => {
  for (const s of shortStrings.values()) expect(String(s).length).toBeLessThanOrEqual(125);
  for (const s of longStrings.values()) expect(String(s).length).toBeLessThanOrEqual(250);
});

test('every FunctionName is associated in the function file', () => {
  const names = attributes(APP, 'xsi:type')
    .filter((a) => a.value === 'ExecuteFunction')
    .map(() => null);
  const functionNames = TEXT.match(/<FunctionName>([^<]+)<\/FunctionName>/g)?.map((m) => m.replace(/<\/?FunctionName>/g, '')) ?? [];
  expect(functionNames).toHaveLength(names.length);
  const associate = jest.fn();
  const g = globalThis as unknown as Record<string, unknown>;
  g.Office = { onReady: () => undefined, actions: { associate } };
  try {
    jest.isolateModules(() => {
      require('../../src/commands/commands');
    });
  } finally {
    delete g.Office;
  }
  const associated = associate.mock.calls.map((c) => c[0]);
  for (const f of functionNames) expect(associated).toContain(f);
  for (const call of associate.mock.calls) expect(typeof call[1]).toBe('function');
});

test('every URL is https://localhost:3000/ in the source manifest, and names a file the build produces', () => {
  const urls = [...TEXT.matchAll(/DefaultValue="(https?:[^"]+)"/g)].map((m) => m[1]);
  expect(urls.length).toBeGreaterThan(5);
  const pages = ['taskpane.html', 'commands.html', 'notice.html'];
  for (const url of urls) {
    expect(url.startsWith('https://localhost:3000/')).toBe(true);
    const rel = url.slice('https://localhost:3000/'.length);
    if (rel.startsWith('assets/')) expect(fs.existsSync(path.join(ROOT, rel))).toBe(true);
    else expect(pages).toContain(rel);
  }
  // webpack builds those pages
  const config = fs.readFileSync(path.join(ROOT, 'webpack.config.js'), 'utf8');
  for (const page of pages) expect(config).toContain(`filename: '${page}'`);
});

test('icons: real PNGs of the sizes the manifest says (16, 32, 80 on the ribbon; 32 and 64 for the add-in)', () => {
  for (const image of resources['bt:Images']['bt:Image'] as { '@id': string; '@DefaultValue': string }[]) {
    const size = Number(/icon-(\d+)\.png$/.exec(image['@DefaultValue'])?.[1]);
    const uses = attributes(APP.VersionOverrides.Hosts, 'resid').filter((a) => a.value === image['@id']);
    expect(uses.length).toBeGreaterThan(0);
    const file = path.join(ROOT, image['@DefaultValue'].replace('https://localhost:3000/', ''));
    expect(pngSize(file)).toEqual({ width: size, height: size });
  }
  const sizes = new Set(attributes(group, 'size').map((a) => a.value));
  expect(sizes).toEqual(new Set(['16', '32', '80']));
  expect(pngSize(path.join(ROOT, 'assets/icon-32.png'))).toEqual({ width: 32, height: 32 });
  expect(APP.IconUrl['@DefaultValue']).toBe('https://localhost:3000/assets/icon-32.png');
  expect(APP.HighResolutionIconUrl['@DefaultValue']).toBe('https://localhost:3000/assets/icon-64.png');
  expect(pngSize(path.join(ROOT, 'assets/icon-64.png'))).toEqual({ width: 64, height: 64 });
});
