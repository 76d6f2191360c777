import { parseBackLayout, parseFrontLayout, type LayoutLine } from './card-layout.js';

/** A line as an engine gives it: text, one box, every character the same confidence. */
const line = (text: string, x0: number, y0: number, x1: number, y1: number, conf = 0.98): LayoutLine => ({
  chars: [...text].map((ch) => ({ ch, conf })),
  box: { x0, y0, x1, y1 },
});
const t = (cs: Array<{ ch: string }>): string => cs.map((c) => c.ch).join('');

describe('parseFrontLayout', () => {
  const card = [
    line('姓名', 60, 70, 120, 95),
    line('王川', 150, 68, 230, 98),
    line('性别', 60, 130, 120, 155),
    line('男', 150, 128, 180, 158),
    line('民族', 260, 130, 320, 155),
    line('汉', 345, 128, 375, 158),
    line('出生', 60, 190, 120, 215),
    line('1999年1月24日', 150, 188, 420, 218),
    line('住址', 60, 250, 120, 275),
    line('四川省成都市温江区涌泉', 150, 248, 460, 278),
    line('街道天府路11号', 150, 285, 380, 315),
    line('XQ', 600, 150, 640, 170), // something in the portrait
    line('公民身份号码', 60, 420, 240, 445),
    line('510123199901245015', 280, 415, 720, 450),
  ];

  it('finds every field by its label and joins the address across lines', () => {
    const l = parseFrontLayout(card);
    expect(t(l.name)).toBe('王川');
    expect(l.sex?.ch).toBe('男');
    expect(t(l.ethnicity)).toBe('汉');
    expect(t(l.birth)).toBe('1999年1月24日');
    expect(t(l.address)).toBe('四川省成都市温江区涌泉街道天府路11号');
    expect(t(l.idNumber)).toBe('510123199901245015');
    expect(l.labels).toBe(6);
  });

  it('reads labels run into their values, and rows whose label was misread by their place', () => {
    const l = parseFrontLayout([
      line('娃名王川', 60, 70, 230, 98), // 姓 misread: the row above 性别 is the name
      line('性别男', 60, 130, 180, 158),
      line('民族汉', 260, 130, 375, 158),
      line('出主1999年1月24日', 60, 188, 420, 218), // 生 misread: a date row is the birth row
      line('住址四川省成都市温江区涌泉', 60, 248, 460, 278),
      line('街道天府路11号', 150, 285, 380, 315),
      line('公民身份号码510123199901245015', 60, 415, 720, 450),
    ]);
    expect(t(l.name)).toBe('王川');
    expect(l.sex?.ch).toBe('男');
    expect(t(l.ethnicity)).toBe('汉');
    expect(t(l.birth)).toBe('1999年1月24日');
    expect(t(l.address)).toBe('四川省成都市温江区涌泉街道天府路11号');
    expect(t(l.idNumber)).toBe('510123199901245015');
  });

  it("drops the ghost of a glyph where a label's box reaches into its value", () => {
    // PP-OCRv4 on a scan: the 姓名 box runs into 张 and reads its left half, 弓, once more.
    const l = parseFrontLayout([line('姓名弓', 60, 70, 150, 98), line('张淑珍', 135, 68, 235, 98), ...card.slice(2)]);
    expect(t(l.name)).toBe('张淑珍');
    // Two lines side by side that only touch are both kept.
    const split = parseFrontLayout([line('姓名欧阳', 60, 70, 230, 98), line('娜娜', 228, 68, 300, 98), ...card.slice(2)]);
    expect(t(split.name)).toBe('欧阳娜娜');
  });

  it('leaves what is in the portrait out of the fields', () => {
    const l = parseFrontLayout([...card.slice(0, 11), line('街道', 600, 290, 660, 315), ...card.slice(12)]);
    expect(t(l.address)).toBe('四川省成都市温江区涌泉街道天府路11号');
  });

  it('finds nothing in a photo without a card', () => {
    const l = parseFrontLayout([line('发票', 10, 10, 80, 40), line('收据', 10, 60, 80, 90)]);
    expect(l.idNumber).toEqual([]);
    expect(l.labels).toBe(0);
  });
});

describe('parseBackLayout', () => {
  it('finds the authority and the validity by their labels, or by their shape', () => {
    const labelled = parseBackLayout([
      line('中华人民共和国', 300, 60, 700, 110),
      line('签发机关', 200, 400, 320, 425),
      line('成都市公安局温江区分局', 340, 398, 700, 428),
      line('有效期限', 200, 450, 320, 475),
      line('2015.03.12-2035.03.12', 340, 448, 700, 478),
    ]);
    expect([t(labelled.authority), t(labelled.validity), labelled.labels]).toEqual(['成都市公安局温江区分局', '2015.03.12-2035.03.12', 2]);
    const unlabelled = parseBackLayout([
      line('签友机美', 200, 400, 320, 425),
      line('温江县公安局', 340, 398, 600, 428),
      line('有郊期很', 200, 450, 320, 475),
      line('2001.05.06-长期', 340, 448, 600, 478),
    ]);
    expect([t(unlabelled.authority), t(unlabelled.validity)]).toEqual(['温江县公安局', '2001.05.06-长期']);
  });
});
