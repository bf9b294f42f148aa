import { randomInt } from 'node:crypto';

/** A random nine-digit number passing the eleven test. */
export function validBsn(): string {
  for (;;) {
    const bsn = withCheckDigit(Array.from({ length: 8 }, () => randomInt(10)));
    if (bsn) return bsn;
  }
}

/**
 * The first BSN whose eight leading digits count from `seed` up, and the seed after it: a run of
 * calls gives distinct numbers by construction.
 */
export function nextBsn(seed: number): [bsn: string, next: number] {
  for (let value = seed; ; value += 1) {
    const bsn = withCheckDigit(String(value).padStart(8, '0').split('').map(Number));
    if (bsn) return [bsn, value + 1];
  }
}

/** The eight digits with the ninth that passes the eleven test, if one does. */
function withCheckDigit(digits: readonly number[]): string | undefined {
  const check = digits.reduce((sum, digit, index) => sum + digit * (9 - index), 0) % 11;
  return check < 10 ? [...digits, check].join('') : undefined;
}
