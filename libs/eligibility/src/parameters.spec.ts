import { createParameterResolver, resolveParameters } from './parameters.js';
import { BEIJING_COMMUNITY, CHENGDU_OTHER_COMMUNITY, PARAMETERS, WENJIANG_COMMUNITY } from './test-fixtures.js';
import type { ParameterDefinition } from './types.js';

const standard = (region: string, asOf: string): number | undefined => resolveParameters(PARAMETERS, region, asOf)['dibao_standard'];

describe('parameters by region and date', () => {
  it('takes the most specific region: Wenjiang (510115) over Chengdu (5101) over national', () => {
    expect(standard(WENJIANG_COMMUNITY, '2025-01-01')).toBe(900);
    expect(standard('510115', '2025-01-01')).toBe(900);
    expect(standard(CHENGDU_OTHER_COMMUNITY, '2025-01-01')).toBe(870);
    expect(standard(BEIJING_COMMUNITY, '2025-01-01')).toBe(684);
    expect(standard('', '2025-01-01')).toBe(684);
  });

  it('falls back to the next region up when the specific value is not yet in force', () => {
    // Wenjiang's own value starts 2024-01-01; before that Chengdu's applies.
    expect(standard(WENJIANG_COMMUNITY, '2023-12-31')).toBe(870);
    expect(standard(WENJIANG_COMMUNITY, '2024-01-01')).toBe(900);
  });

  it('changes on the effective date, with effectiveTo exclusive', () => {
    expect(standard(CHENGDU_OTHER_COMMUNITY, '2022-06-30')).toBe(820);
    expect(standard(CHENGDU_OTHER_COMMUNITY, '2022-07-01')).toBe(870);
    expect(standard(CHENGDU_OTHER_COMMUNITY, '2021-07-01')).toBe(820);
    expect(standard(CHENGDU_OTHER_COMMUNITY, '2021-06-30')).toBe(684);
  });

  it('leaves a parameter out when no value is in force', () => {
    expect(resolveParameters(PARAMETERS, WENJIANG_COMMUNITY, '2019-01-01')).toEqual({});
    expect(resolveParameters(PARAMETERS, WENJIANG_COMMUNITY, '2020-06-01')).toEqual({
      employment_cost_deduction_months: 6,
      employment_cost_deduction_share: 0.3,
      dibao_asset_months: 24,
    });
  });

  it('prefers the latest effectiveFrom between equally specific open-ended values', () => {
    const table: ParameterDefinition[] = [
      {
        name: 'x',
        label: 'x',
        values: [
          { region: '5101', effectiveFrom: '2020-01-01', value: 1 },
          { region: '5101', effectiveFrom: '2023-01-01', value: 3 },
          { region: '5101', effectiveFrom: '2022-01-01', value: 2 },
          { region: '51', effectiveFrom: '2024-01-01', value: 9 },
        ],
      },
    ];
    expect(resolveParameters(table, '510115', '2024-06-01')['x']).toBe(3);
    expect(resolveParameters(table, '510115', '2022-06-01')['x']).toBe(2);
    expect(resolveParameters(table, '511000', '2024-06-01')['x']).toBe(9);
    expect(resolveParameters(table, '511000', '2023-06-01')['x']).toBeUndefined();
  });

  it('does not confuse a parameter named like an Object method with a missing one', () => {
    const table: ParameterDefinition[] = [{ name: 'toString', label: 'x', values: [{ region: '99', effectiveFrom: '2020-01-01', value: 5 }] }];
    const p = resolveParameters(table, '510115', '2024-01-01');
    expect(Object.keys(p)).toEqual([]);
    expect(typeof p['toString']).toBe('undefined');
    const odd: ParameterDefinition[] = [{ name: '__proto__', label: '怪名', values: [{ region: '', effectiveFrom: '2020-01-01', value: 5 }] }];
    expect(resolveParameters(odd, '510115', '2024-01-01')['__proto__']).toBe(5);
    expect(createParameterResolver(odd).labels['__proto__']).toBe('怪名');
  });

  it('memoises per region and date, and carries the labels', () => {
    const resolve = createParameterResolver(PARAMETERS);
    const a = resolve(WENJIANG_COMMUNITY, '2025-01-01');
    expect(resolve(WENJIANG_COMMUNITY, '2025-01-01')).toBe(a);
    expect(resolve(WENJIANG_COMMUNITY, '2025-01-02')).not.toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
    expect(resolve.labels['dibao_standard']).toBe('当地低保标准');
  });
});
