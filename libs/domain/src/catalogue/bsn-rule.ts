/** The Dutch "elfproef": nine digits whose weighted sum (9..2, then -1) is divisible by 11. */
export function isValidBsn(value: string): boolean {
  if (!/^\d{9}$/.test(value)) return false;
  const digits = [...value].map(Number);
  const sum = digits.slice(0, 8).reduce((total, digit, index) => total + digit * (9 - index), 0);
  return (sum - digits[8]!) % 11 === 0;
}
