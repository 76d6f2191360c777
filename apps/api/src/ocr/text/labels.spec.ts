import { splitByLabels, textOf } from './labels.js';

const chars = (text: string) => [...text].map((ch) => ({ ch, conf: 0.9 }));
const split = (text: string, labels: string[]) => Object.fromEntries([...splitByLabels(chars(text), labels)].map(([k, v]) => [k, textOf(v)]));

describe('cutting form lines by their labels', () => {
  it('splits a row of two label/value pairs', () => {
    expect(split('姓名徐淑珍户主或与户主关系妻', ['姓名', '户主或与户主关系'])).toEqual({ 姓名: '徐淑珍', 户主或与户主关系: '妻' });
  });

  it('finds a long label with a misread character, without eating the value before it', () => {
    expect(split('文化程度初中婚烟状况已婚', ['文化程度', '婚姻状况'])).toEqual({ 文化程度: '初中', 婚姻状况: '已婚' });
    expect(split('残疾类别:肢体残疾残疾等级:二级', ['残疾类别', '残疾等级'])).toEqual({ 残疾类别: '肢体残疾', 残疾等级: '二级' });
  });

  it('prefers the longer label and drops separators', () => {
    expect(split('残疾人证号：51012319900710834X12', ['证号', '残疾人证号'])).toEqual({ 残疾人证号: '51012319900710834X12' });
  });
});
