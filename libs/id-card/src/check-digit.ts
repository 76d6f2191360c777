/** ISO 7064 MOD 11-2 check character of GB 11643 citizen ID numbers. */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
/** Indexed by (weighted sum mod 11). */
const CHECK_CHARACTERS = '10X98765432';

/** Check character ('0'–'9' or 'X') for the first 17 digits of an ID number. */
export function idCheckDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error(`idCheckDigit needs exactly 17 digits, got "${first17}"`);
  let sum = 0;
  WEIGHTS.forEach((weight, i) => {
    sum += (first17.charCodeAt(i) - 48) * weight;
  });
  return CHECK_CHARACTERS.charAt(sum % 11);
}
