import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig } from './app-config';

const ROOT = join(__dirname, '../../../..');
const SECRET = /(TOKEN|KEY|PASSWORD|SECRET)$/;

/** The variables README.md's configuration table names, in its first column or its meaning. */
function documentedVariables(): string[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const table = readme.split('## Configuration')[1]!.split('\n## ')[0]!;
  const names = new Set<string>();
  for (const row of table.split('\n').filter((line) => line.startsWith('| `'))) {
    const [, first = '', , meaning = ''] = row.split('|');
    for (const [, name] of first.matchAll(/`([A-Z][A-Z0-9_]*)`/g)) names.add(name!);
    for (const [, name] of meaning.matchAll(/`([A-Z][A-Z0-9]*_[A-Z0-9_]+)`/g)) names.add(name!);
  }
  return [...names];
}

describe('.env.example', () => {
  const lines = readFileSync(join(ROOT, '.env.example'), 'utf8').split('\n');
  const settings = new Map(
    lines
      .map((line) => /^# ([A-Z][A-Z0-9_]*)=(.*)$/.exec(line))
      .filter((match) => match !== null)
      .map((match) => [match[1]!, match[2]!]),
  );

  it('names every variable of the README configuration table', () => {
    const documented = documentedVariables();
    expect(documented.length).toBeGreaterThan(40);
    expect(documented.filter((name) => !settings.has(name))).toEqual([]);
  });

  it('names every variable the configuration reads, and the README documents each', () => {
    const read = Object.keys(new AppConfig());
    expect(read.filter((name) => !settings.has(name))).toEqual([]);
    const documented = documentedVariables();
    expect(read.filter((name) => !documented.includes(name))).toEqual([]);
  });

  it('changes nothing as copied: every line is a comment', () => {
    expect(lines.filter((line) => line.trim() !== '' && !line.startsWith('#'))).toEqual([]);
  });

  it('holds no secret: every token, key and password is left empty', () => {
    const secrets = [...settings].filter(([name]) => SECRET.test(name));
    expect(secrets.length).toBeGreaterThan(5);
    expect(secrets.filter(([, value]) => value !== '')).toEqual([]);
  });
});
