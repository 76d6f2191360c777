import type { PaddleLine } from '../engine/paddle-ocr.js';
import { withoutSpecks } from './id-card-lines.js';

const line = (text: string, x0: number, y0: number, x1: number, y1: number): PaddleLine => ({
  text,
  chars: [...text].map((ch) => ({ ch, conf: 0.99 })),
  box: { x0, y0, x1, y1 },
});

describe('text lines of a card', () => {
  it('drops a speck far smaller than the lines around it, keeps short lines of full height', () => {
    const lines = [
      line('姓名', 110, 126, 216, 170),
      line('酒', 208, 134, 229, 155),
      line('周秀芳', 232, 116, 390, 174),
      line('女', 225, 221, 279, 271),
      line('510182195902183049', 444, 688, 1048, 728),
    ];
    expect(withoutSpecks(lines).map((l) => l.text)).toEqual(['姓名', '周秀芳', '女', '510182195902183049']);
  });

  it('keeps everything when there is nothing to compare', () => {
    expect(withoutSpecks([])).toEqual([]);
    expect(withoutSpecks([line('汉', 0, 0, 20, 20)]).map((l) => l.text)).toEqual(['汉']);
  });
});
