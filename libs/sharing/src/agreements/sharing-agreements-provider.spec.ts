import { mkdtempSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Logger } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AppConfig } from '@samenloop/platform';
import { SharingAgreements, sharingAgreementsProvider } from './sharing-agreements-provider';

const WELFARE = { id: 'levgroep', kind: 'welfare' } as const;

function agreementsFile(version: string, categories: string): string {
  return `version: '${version}'
agreements:
  - receiver: { kind: welfare }
    categories: [${categories}]
    legalBasis: Wmo 2015
    purpose: meeting place
`;
}

describe('SharingAgreements', () => {
  let dir: string;
  let path: string;
  let logged: jest.SpyInstance;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sharing-'));
    path = join(dir, 'sharing.yaml');
    writeFileSync(path, agreementsFile('1', 'involvement'));
    logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
  });

  afterEach(() => {
    jest.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads the file at start', () => {
    const agreements = new SharingAgreements(path).current();
    expect(agreements.version).toBe('1');
    expect(agreements.agreementFor(WELFARE)?.categories).toEqual(['involvement']);
  });

  it('refuses to start on an invalid file, naming it', () => {
    writeFileSync(path, agreementsFile('1', 'gossip'));
    expect(() => new SharingAgreements(path)).toThrow(
      `${path}: agreements[0].categories[0] must be one of`,
    );
  });

  it('refuses to start without a file', () => {
    expect(() => new SharingAgreements(join(dir, 'missing.yaml'))).toThrow(/cannot be read/);
  });

  it('reloads a change written right after the last read, even of the same size', () => {
    const agreements = new SharingAgreements(path);
    agreements.current();
    // Same length, same coarse timestamp: only the content tells the versions apart.
    writeFileSync(path, agreementsFile('2', 'contact    '));
    const current = agreements.current();
    expect(current.version).toBe('2');
    expect(current.agreementFor(WELFARE)?.categories).toEqual(['contact']);
  });

  it('reloads a change long after the last read, by its new timestamps', () => {
    const past = new Date(Date.now() - 60_000);
    utimesSync(path, past, past);
    const agreements = new SharingAgreements(path);
    writeFileSync(path, agreementsFile('2', 'contact'));
    expect(agreements.current().version).toBe('2');
  });

  it('reloads a file an editor replaced by renaming another over it', () => {
    const agreements = new SharingAgreements(path);
    writeFileSync(join(dir, 'next.yaml'), agreementsFile('2', 'referral'));
    renameSync(join(dir, 'next.yaml'), path);
    expect(agreements.current().agreementFor(WELFARE)?.categories).toEqual(['referral']);
  });

  it('keeps the previous version when the new file is invalid, and logs that once', () => {
    const agreements = new SharingAgreements(path);
    writeFileSync(path, agreementsFile('2', 'gossip'));
    expect(agreements.current().version).toBe('1');
    expect(agreements.current().version).toBe('1');
    expect(logged).toHaveBeenCalledTimes(1);
    expect(logged.mock.calls[0]?.[0]).toBe(
      `${path}: agreements[0].categories[0] must be one of identity, involvement, contact, ` +
        'assessment, referral, content; version 1 stays in force',
    );

    writeFileSync(path, agreementsFile('3', 'contact'));
    expect(agreements.current().version).toBe('3');
  });

  it('keeps the previous version while the file is missing, and logs that once', () => {
    const agreements = new SharingAgreements(path);
    rmSync(path);
    expect(agreements.current().version).toBe('1');
    expect(agreements.current().version).toBe('1');
    expect(logged).toHaveBeenCalledTimes(1);
    expect(logged.mock.calls[0]?.[0]).toMatch(/cannot be read .*; version 1 stays in force$/);

    writeFileSync(path, agreementsFile('2', 'contact'));
    expect(agreements.current().version).toBe('2');
  });

  it('hands out immutable versions: a reload never changes one a reader holds', () => {
    const agreements = new SharingAgreements(path);
    const held = agreements.current();
    writeFileSync(path, agreementsFile('2', 'contact'));
    agreements.current();
    expect(held.version).toBe('1');
    expect(Object.isFrozen(held.agreementFor(WELFARE)?.categories)).toBe(true);
  });
});

describe('the SharingAgreements provider', () => {
  const agreementsIn = async (config: AppConfig) => {
    const moduleRef = await Test.createTestingModule({
      providers: [sharingAgreementsProvider, { provide: AppConfig, useValue: config }],
    }).compile();
    return moduleRef.get(SharingAgreements).current();
  };

  it('is injectable as SharingAgreements with the shipped file', async () => {
    expect((await agreementsIn(new AppConfig())).version).toMatch(/\S/);
  });

  it('reads the file SHARING_CONFIG names', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'samenloop-agreements-')), 'sharing.yaml');
    writeFileSync(path, agreementsFile('7', 'contact'));
    try {
      const config = Object.assign(new AppConfig(), { SHARING_CONFIG: path });
      expect((await agreementsIn(config)).version).toBe('7');
    } finally {
      rmSync(dirname(path), { recursive: true, force: true });
    }
  });
});
