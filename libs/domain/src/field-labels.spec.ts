import { fieldPathLabel, fieldValueText } from './field-labels.js';

describe('household field labels', () => {
  it('reads a path and its coded values in Chinese', () => {
    expect(fieldPathLabel('members[1].employment')).toBe('成员2 · 就业状况');
    expect(fieldValueText('members[0].selfCareLevel', 'total_loss')).toBe('生活完全不能自理');
    expect(fieldValueText('supporters[0].relation', 'spouse')).toBe('配偶');
    expect(fieldValueText('members[0].note', 'spouse')).toBe('spouse');
  });
});
