import { join } from 'node:path';
import { DEMO_PARTNERS } from '../partners/demo-partners';
import {
  InvalidSharingAgreementsError,
  loadSharingAgreements,
  parseSharingAgreements,
} from './agreement-loader';

const SHIPPED = join(__dirname, '../../../../config/sharing.yaml');

const ENTRY = `
  - receiver: { kind: welfare }
    categories: [involvement]
    legalBasis: Wmo 2015
    purpose: meeting place`;

function problemOf(text: string): string {
  try {
    parseSharingAgreements(text, 'sharing.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidSharingAgreementsError);
    const { message } = error as Error;
    expect(message).not.toContain('\n');
    return message;
  }
  throw new Error('expected the file to be refused');
}

describe('the shipped agreements (config/sharing.yaml)', () => {
  const agreements = loadSharingAgreements(SHIPPED);

  it.each([
    [
      'gemeente-helmond',
      ['identity', 'involvement', 'contact', 'assessment', 'referral', 'content'],
    ],
    ['ggz-oost-brabant', ['identity', 'involvement', 'contact', 'assessment', 'referral']],
    ['huisartsen-helmond', ['identity', 'involvement', 'contact', 'assessment', 'referral']],
    ['werkbedrijf-helmond', ['identity', 'involvement', 'contact', 'assessment', 'referral']],
    ['woonbedrijf', ['involvement', 'contact', 'referral']],
    ['wijkteam-welzijn', ['involvement', 'contact', 'referral']],
  ])('give demo partner %s %j, with a legal basis and purpose', (id, categories) => {
    const partner = DEMO_PARTNERS.find((demo) => demo.id === id)!;
    const agreement = agreements.agreementFor(partner);
    expect(agreement?.categories).toEqual(categories);
    expect(agreement?.legalBasis).toMatch(/\S{3}/);
    expect(agreement?.purpose).toMatch(/\S{3}/);
    expect(agreement?.agreementVersion).toBe(agreements.version);
  });

  it('leave a kind without an entry without an agreement', () => {
    expect(agreements.agreementFor({ id: 'someone', kind: 'other' })).toBeUndefined();
  });
});

describe('an agreements file', () => {
  it('lets a partner entry override its kind entry, whatever their order', () => {
    const agreements = parseSharingAgreements(
      `version: '7'
agreements:
  - receiver: { partner: levgroep }
    categories: []
    legalBasis: none for this one
    purpose: shut out${ENTRY}`,
      'sharing.yaml',
    );
    expect(agreements.version).toBe('7');
    expect(agreements.agreementFor({ id: 'levgroep', kind: 'welfare' })).toEqual({
      agreementVersion: '7',
      categories: [],
      legalBasis: 'none for this one',
      purpose: 'shut out',
    });
    expect(agreements.agreementFor({ id: 'bop', kind: 'welfare' })?.categories).toEqual([
      'involvement',
    ]);
  });

  it('names the path of a category that is not one of the six', () => {
    expect(
      problemOf(
        `version: '1'\nagreements:${ENTRY}${ENTRY.replace('welfare', 'gp').replace('[involvement]', '[diagnosis]')}`,
      ),
    ).toBe(
      'sharing.yaml: agreements[1].categories[0] must be one of identity, involvement, contact, assessment, referral, content',
    );
  });

  it('refuses unknown keys', () => {
    expect(problemOf(`version: '1'\nretention: 5y\nagreements:${ENTRY}\n    note: x`)).toBe(
      'sharing.yaml: retention is not allowed; agreements[0].note is not allowed',
    );
  });

  it('requires a version, a legal basis and a purpose', () => {
    const entry = ENTRY.replace(/\n.*legalBasis.*\n.*purpose.*/, '');
    expect(problemOf(`agreements:${entry}`)).toBe(
      'sharing.yaml: version is required; agreements[0].legalBasis is required; agreements[0].purpose is required',
    );
  });

  it('wants the version as text', () => {
    expect(problemOf(`version: 1.0\nagreements:${ENTRY}`)).toBe(
      'sharing.yaml: version must be string',
    );
  });

  it('wants exactly one of kind and partner as the receiver', () => {
    const both = ENTRY.replace('{ kind: welfare }', '{ kind: welfare, partner: levgroep }');
    expect(problemOf(`version: '1'\nagreements:${both}`)).toBe(
      'sharing.yaml: agreements[0].receiver must have exactly one of kind, partner',
    );
  });

  it('refuses two entries for the same receiver', () => {
    expect(problemOf(`version: '1'\nagreements:${ENTRY}${ENTRY}`)).toBe(
      'sharing.yaml: agreements[1].receiver repeats kind welfare of agreements[0]',
    );
  });

  it('reports YAML syntax errors on one line with their position', () => {
    expect(problemOf(`version: '1'\nagreements: [\n`)).toMatch(/^sharing\.yaml: .*line 3/);
  });

  it('reports a file that cannot be read', () => {
    expect(() => loadSharingAgreements('/nonexistent/sharing.yaml')).toThrow(
      /^\/nonexistent\/sharing\.yaml: cannot be read \(ENOENT/,
    );
  });
});
