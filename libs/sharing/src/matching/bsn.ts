import { createHmac } from 'node:crypto';

/** The Dutch "elfproef": nine digits whose weighted sum (9..2, then -1) is divisible by 11. */
export function isValidBsn(value: string): boolean {
  if (!/^\d{9}$/.test(value)) return false;
  const digits = [...value].map(Number);
  const sum = digits.slice(0, 8).reduce((total, digit, index) => total + digit * (9 - index), 0);
  return (sum - digits[8]!) % 11 === 0;
}

/** A keyed hash: without the hub's key nobody can test a guessed BSN against the stored hashes. */
export function hashBsn(key: Buffer, bsn: string): string {
  return createHmac('sha256', key).update(bsn, 'utf8').digest('hex');
}
