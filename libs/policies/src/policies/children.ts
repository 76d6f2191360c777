/** 儿童 (民政): orphans, children without de-facto support, children in difficulty, left-behind children. */
import type { PolicyDefinition } from '@zczr/eligibility';
import { adult, child, fails, grandchild, household, person, qualifies, spouse, undecided, unable, WENJIANG_VILLAGE } from '../reference-builders.js';
import { all, any, DOC_ID, fact, mul, notOnTekun, onDibao, onMargin, param, when } from './dsl.js';

const MINORS_LAW = '《中华人民共和国未成年人保护法》';

const withoutParent = (label: string) => when('no_parent', label, 'minorWithoutParentCount', 'gte', 1);

export const orphanAllowance: PolicyDefinition = {
  code: 'orphan_allowance',
  name: '孤儿基本生活保障',
  group: 'children',
  department: '民政',
  legalBasis: [MINORS_LAW, '《国务院办公厅关于加强孤儿保障工作的意见》'],
  benefit: '父母双方死亡或被宣告失踪的未满18周岁儿童，按月发放孤儿基本生活费，并享受医疗、教育、住房等保障（不与特困供养重复享受）。',
  requiredDocuments: [DOC_ID, '父母死亡证明或宣告失踪判决书', '监护人身份证明'],
  rule: all('父母双亡或失踪的儿童', withoutParent('有不与父母共同生活的未成年人（须核实父母死亡或失踪）'), notOnTekun()),
  benefitFormula: {
    label: '孤儿基本生活费标准 × 儿童人数',
    expr: mul(param('orphan_allowance'), fact('minorWithoutParentCount')),
    unit: '元/月',
  },
  effectiveFrom: '2024-01-01',
  references: [
    qualifies('祖父母抚养10岁孙女', household({ members: [adult(66), spouse(64), grandchild(10, { sex: 'female' })], income: 2000, incomeType: 'pension' })),
    fails('与父母共同生活的儿童', household({ members: [adult(38), spouse(36), child(10)], perCapitaIncome: 1500 })),
    undecided('孙女出生日期未采集', household({ members: [adult(66), spouse(64), grandchild(10, { birthDate: '' })], income: 2000, incomeType: 'pension' }), [
      'minorWithoutParentCount',
    ]),
  ],
};

export const unsupportedChildAllowance: PolicyDefinition = {
  code: 'unsupported_child_allowance',
  name: '事实无人抚养儿童基本生活保障',
  group: 'children',
  department: '民政',
  legalBasis: [MINORS_LAW, '《关于进一步加强事实无人抚养儿童保障工作的意见》'],
  benefit: '父母双方均重残、重病、服刑在押、失联等，或一方死亡失踪、另一方符合上述情形的儿童，参照孤儿标准按月发放基本生活补贴。',
  requiredDocuments: [DOC_ID, '父母重残、重病、服刑、失联等情形的证明材料'],
  rule: all(
    '父母无力履行抚养义务的儿童',
    any(
      '父母无法履行抚养义务',
      withoutParent('有不与父母共同生活的未成年人（须核实父母服刑、失联等情形）'),
      all(
        '与重残或重病的父母共同生活',
        when('minor', '家中有未成年人', 'minorCount', 'gte', 1),
        any(
          '父母双方重残或重病',
          when('two_severe', '家中有2名及以上一、二级残疾人', 'severeDisabilityCount', 'gte', 2),
          when('two_serious', '家中有2名及以上重病患者', 'seriousIllnessCount', 'gte', 2),
        ),
      ),
    ),
    notOnTekun(),
  ),
  benefitFormula: {
    label: '事实无人抚养儿童补贴标准 × 未成年人数',
    expr: mul(param('unsupported_child_allowance'), fact('minorCount')),
    unit: '元/月',
  },
  effectiveFrom: '2024-01-01',
  references: [
    qualifies(
      '父母均为一级肢体残疾的8岁儿童',
      household({
        members: [unable(40, { disability: [4, 1] }), unable(38, { relation: 'spouse', sex: 'female', disability: [4, 1] }), child(8)],
        perCapitaIncome: 500,
      }),
    ),
    qualifies('父亲服刑、母亲失联，由祖父母照料', household({ members: [adult(68), spouse(66), grandchild(12)], income: 2500, incomeType: 'pension' })),
    fails('父母健康的儿童', household({ members: [adult(38), spouse(36), child(8)], perCapitaIncome: 1500 })),
    undecided('父亲健康状况未采集', household({ members: [unable(40, { health: null }), spouse(38), child(8)], perCapitaIncome: 800 }), [
      'seriousIllnessCount',
    ]),
  ],
};

export const childInDifficulty: PolicyDefinition = {
  code: 'child_in_difficulty',
  name: '困境儿童分类保障',
  group: 'children',
  department: '民政',
  legalBasis: [MINORS_LAW, '《国务院关于加强困境儿童保障工作的意见》'],
  benefit: '因家庭贫困、自身或父母重残重病、监护缺失陷入困境的儿童，按类别给予基本生活补贴，并落实医疗、教育、康复和监护干预等保障。',
  requiredDocuments: [DOC_ID, '困境情形证明（低保证明、残疾人证、监护情况说明等）'],
  rule: all(
    '有陷入困境的儿童',
    when('minor', '家中有未成年人', 'minorCount', 'gte', 1),
    any(
      '因贫、因残因病或因监护缺失陷入困境',
      onDibao(),
      onMargin(),
      when('severe', '家中有一、二级重度残疾人（含重残儿童）', 'severeDisabilityCount', 'gte', 1),
      when('serious', '家中有重病患者（含重病儿童）', 'seriousIllnessCount', 'gte', 1),
      withoutParent('有不与父母共同生活的未成年人'),
    ),
  ),
  benefitFormula: {
    label: '困境儿童基本生活补贴标准 × 未成年人数',
    expr: mul(param('child_in_difficulty_allowance'), fact('minorCount')),
    unit: '元/月',
  },
  effectiveFrom: '2024-01-01',
  references: [
    qualifies('低保家庭的8岁儿童', household({ members: [adult(38), spouse(36), child(8)], perCapitaIncome: 600, benefits: ['dibao'] })),
    qualifies(
      '二级肢体残疾的儿童',
      household({ members: [adult(38), spouse(36), unable(9, { relation: 'child', disability: [4, 2] })], perCapitaIncome: 2500 }),
    ),
    fails('父母健康、收入正常的儿童', household({ members: [adult(38), spouse(36), child(8)], perCapitaIncome: 2500 })),
    fails('孩子四级听力残疾、家庭收入正常', household({ members: [adult(38), spouse(36), child(8, { disability: [2, 4] })], perCapitaIncome: 2500 })),
    undecided('孩子残疾情况未采集', household({ members: [adult(38), spouse(36), child(8, { disability: undefined })], perCapitaIncome: 2500 }), [
      'severeDisabilityCount',
    ]),
  ],
};

export const leftBehindChildCare: PolicyDefinition = {
  code: 'left_behind_child_care',
  name: '农村留守儿童关爱保护',
  group: 'children',
  department: '民政',
  legalBasis: [MINORS_LAW, '《国务院关于加强农村留守儿童关爱保护工作的意见》'],
  benefit: '父母外出务工、由祖辈或亲属照料的未满16周岁儿童，纳入关爱保护名册，由儿童主任定期走访，提供监护指导、学业辅导和心理关爱。',
  requiredDocuments: ['儿童及受委托监护人身份证明', '父母外出务工情况说明'],
  rule: all(
    '农村父母不在身边的未满16周岁儿童',
    when('rural', '居住在农村（村委会辖区）', 'ruralCommunity', 'eq', true),
    withoutParent('有不与父母共同生活的未成年人（父母外出务工）'),
    when('under16', '有未满16周岁的儿童', 'youngestAge', 'lt', 16),
  ),
  effectiveFrom: '2024-01-01',
  references: [
    qualifies(
      '父母在外务工，9岁孙子随祖父母生活',
      household({
        regionCode: WENJIANG_VILLAGE,
        members: [
          adult(62),
          spouse(60),
          grandchild(9),
          child(35, { coResident: false }),
          person({ age: 34, relation: 'child_in_law', sex: 'female', coResident: false }),
        ],
        income: 3000,
        incomeType: 'support_payment',
      }),
    ),
    fails('与父母共同生活的儿童', household({ members: [adult(38), spouse(36), child(9)], perCapitaIncome: 1500 })),
    fails(
      '城镇社区（居委会）里父母在外的孩子：本政策只适用于农村',
      household({
        members: [adult(62), spouse(60), grandchild(9), child(35, { coResident: false })],
        income: 3000,
        incomeType: 'support_payment',
      }),
    ),
    undecided(
      '孙子出生日期未采集',
      household({
        regionCode: WENJIANG_VILLAGE,
        members: [adult(62), spouse(60), grandchild(9, { birthDate: '' })],
        income: 3000,
        incomeType: 'support_payment',
      }),
      ['minorWithoutParentCount', 'youngestAge'],
    ),
  ],
};

export const CHILDREN_POLICIES: PolicyDefinition[] = [orphanAllowance, unsupportedChildAllowance, childInDifficulty, leftBehindChildCare];
