import { addressGrams, normaliseAddress } from './address-grams.js';

describe('address bigrams', () => {
  it('cuts a text into its distinct pairs of consecutive characters, in order', () => {
    expect(addressGrams('柳城街道柳城')).toEqual(['柳城', '城街', '街道', '道柳']);
    expect(addressGrams('12号')).toEqual(['12', '2号']);
  });

  it('has none for one character or none', () => {
    expect(addressGrams('路')).toEqual([]);
    expect(addressGrams('')).toEqual([]);
  });

  it('folds widths, cases and accents as a case-insensitive collation compares them', () => {
    expect(normaliseAddress('１２号Ａ座')).toBe('12号a座');
    expect(addressGrams('Café 3号')).toEqual(addressGrams('CAFE 3号'));
  });

  it('keeps a character outside the basic plane whole (a pair is two code points, not two UTF-16 units)', () => {
    expect(addressGrams('𠮷野家')).toEqual(['𠮷野', '野家']);
  });
});
