import { startsWithSurname } from '../text/vocabulary.js';
import { likelierName, voteName, withoutStrayMark } from './person.js';

describe('surnames', () => {
  it('knows single and compound surnames, old and of today', () => {
    for (const name of ['王芳', '郑鹏', '丁鑫', '曾凡', '肖红', '覃海', '欧阳娜娜', '司马光', '闫瑞']) expect(startsWithSurname(name)).toBe(true);
  });

  it('does not take a stray stroke or a label remnant for one', () => {
    for (const name of ['作郑鹏', '名张三', '一王芳', '']) expect(startsWithSurname(name)).toBe(false);
  });
});

describe('which of two reads of a name to show first', () => {
  it('prefers a read that is a name', () => {
    expect(likelierName('丁', '丁鑫')).toBe('丁鑫');
    expect(likelierName('李明', '李')).toBe('李明');
    expect(likelierName('王小明大个子', '王小明')).toBe('王小明');
  });

  it('prefers a read that begins with a surname', () => {
    expect(likelierName('作郑鹏', '郑鹏')).toBe('郑鹏');
    expect(likelierName('郑鹏', '作郑鹏')).toBe('郑鹏');
  });

  it("takes the second reader's simplified characters for the first's uncommon ones", () => {
    expect(likelierName('會凡', '曾凡')).toBe('曾凡');
  });

  it("keeps the first reader's read when nothing tells them apart", () => {
    expect(likelierName('张淑珍', '张叔珍')).toBe('张淑珍');
    expect(likelierName('李明', '王明')).toBe('李明');
    expect(likelierName('作作', '仆仆')).toBe('作作');
  });
});

describe('a stray mark before a name', () => {
  it('is taken off when the rest is a name with a surname', () => {
    expect(withoutStrayMark('作郑鹏')).toBe('郑鹏');
    expect(withoutStrayMark('名张三丰')).toBe('张三丰');
  });

  it('is not taken off a name that begins with a surname, a two-character read, or a rest without one', () => {
    expect(withoutStrayMark('王小明')).toBe('王小明');
    expect(withoutStrayMark('作郑')).toBe('作郑');
    expect(withoutStrayMark('作作鹏')).toBe('作作鹏');
    expect(withoutStrayMark('欧阳娜娜')).toBe('欧阳娜娜');
  });
});

describe('the name voted from several reads', () => {
  it('takes what two reads agree on, stray marks off', () => {
    expect(voteName(['作郑鹏', '郑鹏', '郑觅'])).toBe('郑鹏');
    expect(voteName(['张淑珍', '张叔珍', '张叔珍'])).toBe('张叔珍');
    expect(voteName(['德吉措姆', '德吉措姆', '德古措姆'])).toBe('德吉措姆');
    expect(voteName(['德吉措姆', '吉措姆'], false)).toBe('德吉措姆');
    expect(voteName(['作郑鹏', '郑鹏'])).toBe('郑鹏');
  });

  it('else the likeliest, the first reader preferred', () => {
    expect(voteName(['丁', '丁鑫', '丁锡'])).toBe('丁鑫');
    expect(voteName(['作郑鹏', '郑觅'])).toBe('郑觅');
    expect(voteName(['李明', '王明', '赵明'])).toBe('李明');
    expect(voteName(['曹金风', '曹金凤', '草金凤'])).toBe('曹金凤');
    expect(voteName(['丁'])).toBe('丁');
  });
});
