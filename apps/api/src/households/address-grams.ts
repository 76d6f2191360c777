/**
 * "Address contains" by an index instead of a scan: every household's address is stored as its
 * distinct bigrams (two consecutive characters, by code point) in `household_address_gram`. A search
 * of two characters or more reads the households holding the query's rarest bigram; the address is
 * then still compared in full (`LIKE`), so the bigrams only ever narrow the rows read. One character
 * has no bigram: it is found by walking the list (a common character fills a page at once).
 *
 * Both sides are folded the same way before they are cut into bigrams: compatibility forms
 * (full-width digits and letters, ligatures) to their plain ones, accents dropped, letters lowered.
 * The LIKE that decides compares the texts as the database does (MySQL's collations equate widths,
 * cases and accents; SQLite's LIKE only ASCII cases), so the folded bigrams only ever keep more
 * households for it to check, never fewer.
 */
export function normaliseAddress(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The distinct bigrams of a text, in order of first appearance. */
export function addressGrams(text: string): string[] {
  const chars = Array.from(normaliseAddress(text));
  const grams = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) grams.add(chars[i]! + chars[i + 1]!);
  return [...grams];
}

/** Rows of `household_address_gram` for one household. */
export function addressGramRows(householdId: string, address: string): Array<{ gram: string; householdId: string }> {
  return addressGrams(address).map((gram) => ({ gram, householdId }));
}
