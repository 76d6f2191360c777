import { makeIdNumber } from '@zczr/id-card';
import { decideIdNumber, interpretIdRead } from './field.js';

const ID = makeIdNumber('510115', '1985-06-12', 319);
const read = (text: string) => interpretIdRead(text, 0.9, new Date('2026-11-01'));
/** The same number with one digit changed so that the check digit fails. */
const oneOff = (id: string, pos: number, digit: string) => id.slice(0, pos) + digit + id.slice(pos + 1);

describe('deciding an ID number from several reads', () => {
  it('is certain only when two reads agree on a valid number', () => {
    const d = decideIdNumber([read(ID), read(ID)]);
    expect(d.field).toMatchObject({ value: ID, needsConfirmation: false });
    expect(d.parsed?.birthDate).toBe('1985-06-12');
  });

  it('flags a number seen valid only once', () => {
    const bad = oneOff(ID, 9, ID[9] === '3' ? '4' : '3');
    const d = decideIdNumber([read(ID), read(bad)]);
    expect(d.field.value).toBe(ID);
    expect(d.field.needsConfirmation).toBe(true);
  });

  it('is certain with one read when the document vouches for that number, and only for that number', () => {
    expect(decideIdNumber([read(ID)], undefined, ID).field).toMatchObject({ value: ID, needsConfirmation: false });
    expect(decideIdNumber([read(ID)]).field.needsConfirmation).toBe(true);
    const other = makeIdNumber('510115', '1985-06-13', 319);
    expect(decideIdNumber([read(ID)], undefined, other).field.needsConfirmation).toBe(true);
    // Another read giving another valid number still flags it.
    expect(decideIdNumber([read(ID), read(other)], undefined, ID).field.needsConfirmation).toBe(true);
  });

  it('flags two reads that give different valid numbers', () => {
    const other = makeIdNumber('510115', '1985-06-13', 319);
    const d = decideIdNumber([read(ID), read(ID), read(other)]);
    expect(d.field.needsConfirmation).toBe(true);
  });

  it('offers a single-character repair, flagged, and several as candidates', () => {
    const misread = oneOff(ID, 3, ID[3] === '1' ? '7' : ID[3] === '7' ? '1' : 'B');
    const repaired = read(misread);
    expect(['corrected', 'ambiguous', 'valid']).toContain(repaired.status);
    const d = decideIdNumber([repaired]);
    expect(d.field.needsConfirmation).toBe(true);
    if (repaired.status === 'ambiguous') expect(d.field.candidates!.length).toBeGreaterThan(1);
  });

  it('never returns an unreadable number as certain', () => {
    const d = decideIdNumber([read('51011519'), read('')]);
    expect(d.field.needsConfirmation).toBe(true);
    expect(d.parsed).toBeNull();
  });

  it('takes look-alike letters and a stray character at the edge', () => {
    expect(ID[2]).toBe('0');
    expect(read(`${ID.slice(0, 2)}O${ID.slice(3)}`).candidates).toEqual([ID]);
    expect(read(`1${ID}`).candidates).toEqual([ID]);
    expect(read(`${ID.slice(0, 9)} ${ID.slice(9)}`).candidates).toEqual([ID]);
  });

  it('reads full-width digits and letters as ASCII (a wide monospace number came back half full-width)', () => {
    const mixed = [...'51072219950806621X'].map((c, i) => (i % 3 ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c)).join('');
    expect(mixed).not.toMatch(/^[0-9X]+$/);
    expect(read(mixed)).toMatchObject({ status: 'valid', candidates: ['51072219950806621X'] });
  });
});
