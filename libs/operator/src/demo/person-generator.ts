import type { PersonData } from '@samenloop/contracts';
import type { Random } from './random';

/** Always with a BSN, so that health and work partners can signal by it. */
export type FakePerson = Required<PersonData>;

// Helmond's long-term social-assistance clients: born Brabanders and newer Dutch alike.
const GIVEN_NAMES = [
  'Anna',
  'Maria',
  'Johanna',
  'Petra',
  'Sandra',
  'Monique',
  'Ingrid',
  'Fatima',
  'Samira',
  'Aylin',
  'Jan',
  'Peter',
  'Henk',
  'Kees',
  'Wim',
  'Theo',
  'Ronald',
  'Marco',
  'Mohammed',
  'Ahmet',
  'Mustafa',
] as const;

const FAMILY_NAMES = [
  'de Vries',
  'Jansen',
  'van den Berg',
  'Bakker',
  'van Dijk',
  'Visser',
  'Smits',
  'Meulendijks',
  'van Bommel',
  'Verhoeven',
  'Hendriks',
  'van der Heijden',
  'van Lieshout',
  'Swinkels',
  'Raaijmakers',
  'van Asten',
  'de Groot',
  'Willems',
  'Yilmaz',
  'Kaya',
  'El Amrani',
  'Bouzid',
] as const;

/** Seven-digit BSN prefixes 1000000-9999999: one per client, so a run never repeats a BSN. */
export const BSN_BLOCKS = 9_000_000;

/**
 * The BSN of block `block` (0 <= block < BSN_BLOCKS): its seven digits, an eighth chosen so that
 * the ninth can satisfy the eleven test (of the ten choices at most one cannot), then the ninth.
 */
export function bsnOfBlock(block: number, random: Random): string {
  const prefix = String(1_000_000 + (block % BSN_BLOCKS));
  const weighted = [...prefix].reduce((sum, digit, index) => sum + Number(digit) * (9 - index), 0);
  const start = random.int(0, 9);
  for (let step = 0; ; step++) {
    const eighth = (start + step) % 10;
    const ninth = (weighted + 2 * eighth) % 11;
    if (ninth < 10) return `${prefix}${eighth}${ninth}`;
  }
}

/** A fake adult of working age (25-64 on `today`). */
export function fakePerson(random: Random, bsnBlock: number, today: Date): FakePerson {
  const year = today.getUTCFullYear() - random.int(25, 64);
  const month = String(random.int(1, 12)).padStart(2, '0');
  const day = String(random.int(1, 28)).padStart(2, '0');
  return {
    givenName: random.pick(GIVEN_NAMES),
    familyName: random.pick(FAMILY_NAMES),
    birthDate: `${year}-${month}-${day}`,
    bsn: bsnOfBlock(bsnBlock, random),
  };
}
