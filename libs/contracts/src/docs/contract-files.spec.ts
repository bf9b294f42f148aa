import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DATA_CATEGORIES, EVENT_TYPES } from '@samenloop/domain';
import { inboundEventSchema } from '../inbound/inbound-event.schema';
import { OutboundCloudEventSchema } from '../schemas/cloud-event.schema';
import { markdownSections, schemaFiles, withSections, WRITE_COMMAND } from './contract-files';

const ROOT = join(__dirname, '../../../..');

/** `npm run contract:write` runs this spec with CONTRACT_WRITE=on: it writes, then checks. */
const WRITE = process.env.CONTRACT_WRITE === 'on';

const SCHEMA_DIRS = ['docs/schemas', 'docs/schemas/outbound'];

const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

function expectedFiles(): Record<string, string> {
  return {
    ...schemaFiles(),
    ...Object.fromEntries(
      Object.entries(markdownSections()).map(([path, sections]) => [
        path,
        withSections(read(path), sections),
      ]),
    ),
  };
}

const jsonFilesIn = (dir: string) =>
  readdirSync(join(ROOT, dir), { withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map(({ name }) => name)
    .filter((name) => name.endsWith('.json'))
    .map((name) => `${dir}/${name}`);

describe(`the contract in docs/ (regenerate with ${WRITE_COMMAND})`, () => {
  let expected: Record<string, string>;

  beforeAll(() => {
    expected = expectedFiles();
    if (!WRITE) return;
    const existing = SCHEMA_DIRS.filter((dir) => existsSync(join(ROOT, dir)));
    for (const path of existing.flatMap(jsonFilesIn)) rmSync(join(ROOT, path));
    for (const [path, text] of Object.entries(expected)) {
      mkdirSync(dirname(join(ROOT, path)), { recursive: true });
      writeFileSync(join(ROOT, path), text);
    }
  });

  it('holds every JSON Schema as the generator makes it from the code now, and no other', () => {
    const schemaPaths = Object.keys(schemaFiles());
    expect(SCHEMA_DIRS.flatMap(jsonFilesIn).sort()).toEqual([...schemaPaths].sort());
    const stale = schemaPaths.filter((path) => read(path) !== expected[path]);
    expect(stale).toEqual([]);
  });

  it('has one inbound schema file per catalogue type, named by the type', () => {
    expect(jsonFilesIn('docs/schemas')).toEqual(
      expect.arrayContaining(EVENT_TYPES.map((type) => `docs/schemas/${type}.json`)),
    );
  });

  it.each(Object.keys(markdownSections()))('%s shows the code as it is now', (path) => {
    expect(read(path)).toBe(expected[path]);
  });

  describe('in the parts written by hand', () => {
    /** The attributes a document's envelope table lists, in its order. */
    const envelopeRows = (path: string) => {
      const section = read(path).split('## The envelope')[1]!.split('\n## ')[0]!;
      return [...section.matchAll(/^\| `([a-z]+)`/gm)].map((match) => match[1]);
    };
    const attributesOf = (schema: object) =>
      Object.keys((schema as { properties: object }).properties);

    it('docs/inbound.md lists every attribute of the inbound envelope', () => {
      const schema = inboundEventSchema('nl.samenloop.visit-held.v1');
      expect(envelopeRows('docs/inbound.md').sort()).toEqual(attributesOf(schema).sort());
    });

    it('docs/outbound.md lists every attribute of the outbound envelope', () => {
      expect(envelopeRows('docs/outbound.md').sort()).toEqual(
        attributesOf(OutboundCloudEventSchema).sort(),
      );
    });

    it('docs/inbound.md explains every data category', () => {
      const section = read('docs/inbound.md').split('## Data categories')[1]!.split('\n## ')[0]!;
      const explained = [...section.matchAll(/^- `([a-z]+)`:/gm)].map((match) => match[1]);
      expect(explained).toEqual([...DATA_CATEGORIES]);
    });
  });
});
