/**
 * The household form, step by step: address, members, income, assets, rigid expenses, hardships,
 * relatives living elsewhere who owe support (legal supporters).
 * Shared by the resident's self-report and the grid worker's door-to-door collection.
 */
import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Picker, Text, View } from '@tarojs/components';
import {
  ASSET_TYPE_LABELS,
  DISABILITY_CATEGORY_LABELS,
  EDUCATION_LABELS,
  EMPLOYMENT_LABELS,
  EXPENSE_TYPE_LABELS,
  HARDSHIP_TYPE_LABELS,
  INCOME_TYPE_LABELS,
  LABOUR_CAPACITY_LABELS,
  RELATION_LABELS,
  SUPPORTER_CONDITION_LABELS,
  SUPPORTER_CONDITIONS,
  SUPPORTER_RELATION_LABELS,
  maskIdNumber,
  type AssetType,
  type DisabilityCategory,
  type DisabilityGrade,
  type Education,
  type Employment,
  type ExpenseType,
  type HardshipType,
  type IncomeType,
  type LabourCapacity,
  type MemberInput,
  type Relation,
  type SupporterInput,
  type SupporterRelation,
} from '@zczr/domain';
import { validateIdNumber } from '@zczr/id-card';
import { loadRegions, type Region } from '../services/regions';
import { fullAddress, newMember, newSupporter, type DraftProblem, type HouseholdDraft, type SupportersAnswer } from '../services/household-draft';
import { Btn, Card, Choice, Field, Loading, Notice, Problems, Row, Tick, yuan } from './ui';
import { IdCardScan } from './id-card-scan';

export const HOUSEHOLD_STEPS = ['住址', '家庭成员', '收入', '财产', '支出', '困难', '在外亲属', '核对提交'] as const;

const opts = <T extends string | number>(labels: Record<T, string>, keys?: readonly T[]) =>
  (keys ?? (Object.keys(labels) as T[])).map((k) => ({ value: (typeof k === 'number' ? k : k) as T, label: labels[k] }));

const num = (s: string): number => (s.trim() === '' ? NaN : Number(s));
const numText = (n: number | undefined): string => (n === undefined || Number.isNaN(n) ? '' : String(n));

export interface EditorProps {
  draft: HouseholdDraft;
  onChange: (d: HouseholdDraft) => void;
  /** Consent that covers the family, passed to ID-card OCR of other members. */
  consentId?: string | null;
}

export function AddressStep({ draft, onChange }: EditorProps) {
  const [regions, setRegions] = useState<Region[] | null>(null);
  const [offline, setOffline] = useState(false);
  const [loading, setLoading] = useState(true);
  const load = () => {
    setLoading(true);
    void loadRegions().then((r) => {
      setRegions(r.regions);
      setOffline(r.offline);
      setLoading(false);
    });
  };
  useEffect(load, []);
  const streets = regions?.flatMap((d) => d.children) ?? [];
  const street = streets.find((s) => s.code === draft.streetCode);
  return (
    <View>
      {loading ? <Loading text='正在读取街道和社区…' /> : null}
      {!loading && offline && !regions ? (
        <Notice kind='warn'>
          <Text>网络不通，暂时不能选择街道和社区。{draft.communityCode ? '已按您的网格选好社区，' : ''}先填写详细住址，其余可以联网后再补。</Text>
        </Notice>
      ) : null}
      {regions ? (
        <Choice
          label='所在街道（镇）'
          options={streets.map((s) => ({ value: s.code, label: s.name }))}
          value={draft.streetCode}
          onChange={(v) =>
            onChange({ ...draft, streetCode: v, streetName: streets.find((s) => s.code === v)?.name, communityCode: '', communityName: undefined })
          }
        />
      ) : null}
      {street ? (
        <Choice
          label='所在社区（村）'
          options={street.children.map((c) => ({ value: c.code, label: c.name }))}
          value={draft.communityCode}
          onChange={(v) => onChange({ ...draft, communityCode: v, communityName: street.children.find((c) => c.code === v)?.name })}
        />
      ) : null}
      <Field label='详细住址' placeholder='例如：柳台大道334号3栋2单元501室' value={draft.address} onChange={(v) => onChange({ ...draft, address: v })} />
      {draft.communityName && draft.address.trim() ? <Text className='para'>档案中的住址：{fullAddress(draft)}</Text> : null}
    </View>
  );
}

function idCheck(id: string): { error: string | null; hint?: string } {
  if (id.trim().length < 15) return { error: null, hint: '18 位身份证号，最后一位可能是 X' };
  const v = validateIdNumber(id);
  if (!v.valid) return { error: v.message };
  return { error: null, hint: `号码校验通过：${v.sex === 'male' ? '男' : '女'}，出生于 ${v.birthDate}` };
}

export function MemberEditor(props: {
  member: MemberInput;
  onChange: (m: MemberInput) => void;
  onRemove?: () => void;
  index: number;
  consentId?: string | null;
}) {
  const m = props.member;
  const set = (patch: Partial<MemberInput>) => props.onChange({ ...m, ...patch });
  const check = idCheck(m.idNumber);
  return (
    <Card className='member'>
      <View className='member-head'>
        <Text className='member-title'>
          第 {props.index + 1} 位：{m.name || '（未填姓名）'}
        </Text>
        {props.onRemove ? (
          <Text className='link link-danger' onClick={props.onRemove}>
            删除
          </Text>
        ) : null}
      </View>
      <Choice label='与户主的关系' options={opts<Relation>(RELATION_LABELS)} value={m.relation} onChange={(v) => set({ relation: v })} />
      <IdCardScan
        consentId={props.consentId}
        onResult={(f) => set({ name: f.name ?? m.name, idNumber: f.idNumber ?? m.idNumber, ...(f.ethnicity ? { ethnicity: f.ethnicity } : {}) })}
      />
      <Field label='姓名' value={m.name} onChange={(v) => set({ name: v })} />
      <Field label='身份证号' type='idcard' maxlength={18} value={m.idNumber} onChange={(v) => set({ idNumber: v })} error={check.error} hint={check.hint} />
      <Choice label='就业情况' options={opts<Employment>(EMPLOYMENT_LABELS)} value={m.employment} onChange={(v) => set({ employment: v })} />
      {m.employment === 'student' ? (
        <Choice label='就读学段' options={opts<Education>(EDUCATION_LABELS)} value={m.education} onChange={(v) => set({ education: v })} />
      ) : null}
      <Choice label='劳动能力' options={opts<LabourCapacity>(LABOUR_CAPACITY_LABELS)} value={m.labourCapacity} onChange={(v) => set({ labourCapacity: v })} />
      <Tick
        checked={m.health?.seriousIllness === true}
        onChange={(v) => set({ health: { chronicIllness: m.health?.chronicIllness ?? false, seriousIllness: v } })}
      >
        <Text>患有重特大疾病（如癌症、尿毒症）</Text>
      </Tick>
      <Tick
        checked={m.health?.chronicIllness === true}
        onChange={(v) => set({ health: { seriousIllness: m.health?.seriousIllness ?? false, chronicIllness: v } })}
      >
        <Text>患有慢性病，需要长期服药</Text>
      </Tick>
      <Tick checked={!!m.disability} onChange={(v) => set({ disability: v ? { category: 4, grade: 2 } : null })}>
        <Text>持有残疾人证</Text>
      </Tick>
      {m.disability ? (
        <View className='indent'>
          <Choice
            label='残疾类别'
            options={opts<DisabilityCategory>(DISABILITY_CATEGORY_LABELS, [1, 2, 3, 4, 5, 6, 7])}
            value={m.disability.category}
            onChange={(v) => set({ disability: { ...m.disability!, category: v } })}
          />
          <Choice<DisabilityGrade>
            label='残疾等级'
            options={[1, 2, 3, 4].map((g) => ({ value: g as DisabilityGrade, label: `${'一二三四'[g - 1]}级` }))}
            value={m.disability.grade}
            onChange={(v) => set({ disability: { ...m.disability!, grade: v } })}
          />
        </View>
      ) : null}
      <Tick checked={m.coResident} onChange={(v) => set({ coResident: v })}>
        <Text>与家人共同生活</Text>
      </Tick>
    </Card>
  );
}

export function MembersStep({ draft, onChange, consentId }: EditorProps) {
  const setMember = (i: number, m: MemberInput) => onChange({ ...draft, members: draft.members.map((x, j) => (j === i ? m : x)) });
  return (
    <View>
      <Notice>请把住在一起的家人都加上。孩子也要填写身份证号（户口簿上有）。</Notice>
      {draft.members.map((m, i) => (
        <MemberEditor
          key={i}
          index={i}
          member={m}
          consentId={consentId}
          onChange={(x) => setMember(i, x)}
          onRemove={draft.members.length > 1 ? () => onChange({ ...draft, members: draft.members.filter((_, j) => j !== i) }) : undefined}
        />
      ))}
      <Btn kind='ghost' onClick={() => onChange({ ...draft, members: [...draft.members, newMember(draft.members.length === 0 ? 'head' : 'child')] })}>
        ＋ 添加家庭成员
      </Btn>
    </View>
  );
}

export function IncomeStep({ draft, onChange }: EditorProps) {
  const memberOptions = draft.members.map((m, i) => ({ value: i, label: m.name || `成员${i + 1}` }));
  return (
    <View>
      <Notice>填写全家每个月大概的收入（元）。工资、养老金、种地收入、子女给的钱都算。</Notice>
      {draft.incomes.map((x, i) => (
        <Card key={i}>
          <Choice
            label={`第 ${i + 1} 项收入`}
            options={opts<IncomeType>(INCOME_TYPE_LABELS)}
            value={x.type}
            onChange={(v) => onChange({ ...draft, incomes: draft.incomes.map((y, j) => (j === i ? { ...y, type: v } : y)) })}
          />
          {memberOptions.length > 1 ? (
            <Choice
              label='是谁的收入'
              options={memberOptions}
              value={x.memberIndex}
              onChange={(v) => onChange({ ...draft, incomes: draft.incomes.map((y, j) => (j === i ? { ...y, memberIndex: v } : y)) })}
            />
          ) : null}
          <Field
            label='每月金额（元）'
            type='digit'
            value={numText(x.monthlyAmount)}
            onChange={(v) => onChange({ ...draft, incomes: draft.incomes.map((y, j) => (j === i ? { ...y, monthlyAmount: num(v) } : y)) })}
          />
          <Text className='link link-danger' onClick={() => onChange({ ...draft, incomes: draft.incomes.filter((_, j) => j !== i) })}>
            删除这一项
          </Text>
        </Card>
      ))}
      <Btn kind='ghost' onClick={() => onChange({ ...draft, noIncome: false, incomes: [...draft.incomes, { type: 'wage', monthlyAmount: NaN }] })}>
        ＋ 添加一项收入
      </Btn>
      {draft.incomes.length === 0 ? (
        <Tick checked={draft.noIncome} onChange={(v) => onChange({ ...draft, noIncome: v })}>
          <Text>家中没有任何收入</Text>
        </Tick>
      ) : null}
    </View>
  );
}

export function AssetStep({ draft, onChange }: EditorProps) {
  const deposit = draft.assets.find((a) => a.type === 'deposit');
  const homes = draft.assets.filter((a) => a.type === 'home').length;
  const vehicles = draft.assets.filter((a) => a.type === 'vehicle').length;
  const business = draft.assets.some((a) => a.type === 'business_registration');
  const others = draft.assets.filter((a) => a.type !== 'deposit' && a.type !== 'home' && a.type !== 'vehicle' && a.type !== 'business_registration');
  const rebuild = (p: { deposit?: number; homes?: number; vehicles?: number; business?: boolean }) => {
    const d = p.deposit ?? deposit?.value ?? NaN;
    const h = p.homes ?? homes;
    const v = p.vehicles ?? vehicles;
    const b = p.business ?? business;
    const assets = [
      ...(Number.isNaN(d) ? [] : [{ type: 'deposit' as AssetType, value: d }]),
      ...Array.from({ length: h }, () => ({ type: 'home' as AssetType })),
      ...Array.from({ length: v }, () => ({ type: 'vehicle' as AssetType })),
      ...(b ? [{ type: 'business_registration' as AssetType }] : []),
      ...others,
    ];
    onChange({ ...draft, assets, noAssets: false });
  };
  return (
    <View>
      <Notice>财产情况用于判断能否享受低保等救助。如实填写即可，工作人员会帮您核对。</Notice>
      <Field
        label={`${ASSET_TYPE_LABELS.deposit}（全家合计，元）`}
        type='digit'
        value={numText(deposit?.value)}
        onChange={(v) => rebuild({ deposit: num(v) })}
        hint='银行存款、理财、股票等加在一起'
      />
      <Choice
        label='全家有几套住房'
        options={[0, 1, 2, 3].map((n) => ({ value: n, label: n === 3 ? '3套及以上' : `${n}套` }))}
        value={homes}
        onChange={(v) => rebuild({ homes: v, deposit: deposit?.value ?? 0 })}
      />
      <Choice
        label='有几辆汽车（不含残疾人代步车）'
        options={[0, 1, 2].map((n) => ({ value: n, label: n === 2 ? '2辆及以上' : `${n}辆` }))}
        value={vehicles}
        onChange={(v) => rebuild({ vehicles: v, deposit: deposit?.value ?? 0 })}
      />
      <Tick checked={business} onChange={(v) => rebuild({ business: v, deposit: deposit?.value ?? 0 })}>
        <Text>家里有人开公司或办了个体户营业执照</Text>
      </Tick>
    </View>
  );
}

export function ExpenseStep({ draft, onChange }: EditorProps) {
  const amount = (t: ExpenseType) => draft.expenses.filter((e) => e.type === t).reduce((s, e) => s + e.amount12m, 0);
  const has = (t: ExpenseType) => draft.expenses.some((e) => e.type === t);
  const set = (t: ExpenseType, v: number) => {
    const rest = draft.expenses.filter((e) => e.type !== t);
    onChange({ ...draft, expenses: Number.isNaN(v) ? rest : [...rest, { type: t, amount12m: v }] });
  };
  return (
    <View>
      <Notice>最近一年（12 个月）家里花在看病、上学、康复上的钱。没有就不填。</Notice>
      {(Object.keys(EXPENSE_TYPE_LABELS) as ExpenseType[]).map((t) => (
        <Field
          key={t}
          label={`${EXPENSE_TYPE_LABELS[t]}（近12个月，元）`}
          type='digit'
          value={has(t) ? String(amount(t)) : ''}
          onChange={(v) => set(t, num(v))}
        />
      ))}
    </View>
  );
}

/** A date chosen from the phone's date picker (never typed), up to today. */
export function DateField(props: { label: string; value: string; onChange: (v: string) => void }) {
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  return (
    <View className='field'>
      <Text className='field-label'>{props.label}</Text>
      <Picker mode='date' value={props.value || today} start='1900-01-01' end={today} onChange={(e) => props.onChange(String(e.detail.value))}>
        <View className={`field-input date-input${props.value ? '' : ' date-empty'}`}>
          <Text>{props.value ? props.value.replace(/^(\d{4})-(\d{2})-(\d{2})$/, '$1年$2月$3日') : '点这里选择日期'}</Text>
        </View>
      </Picker>
    </View>
  );
}

export function HardshipStep({ draft, onChange }: EditorProps) {
  return (
    <View>
      <Notice>最近一年家里遇到过突发困难吗？例如生了大病、出了事故、家里主要挣钱的人去世或失业。没有就直接下一步。</Notice>
      {draft.hardships.map((h, i) => (
        <Card key={i}>
          <Choice
            label='遇到了什么困难'
            options={opts<HardshipType>(HARDSHIP_TYPE_LABELS)}
            value={h.type}
            onChange={(v) => onChange({ ...draft, hardships: draft.hardships.map((x, j) => (j === i ? { ...x, type: v } : x)) })}
          />
          <DateField
            label='发生日期'
            value={h.occurredOn}
            onChange={(v) => onChange({ ...draft, hardships: draft.hardships.map((x, j) => (j === i ? { ...x, occurredOn: v } : x)) })}
          />
          <Field
            label='造成的损失（元，可不填）'
            type='digit'
            value={numText(h.loss)}
            onChange={(v) =>
              onChange({ ...draft, hardships: draft.hardships.map((x, j) => (j === i ? { ...x, loss: Number.isNaN(num(v)) ? undefined : num(v) } : x)) })
            }
          />
          <Text className='link link-danger' onClick={() => onChange({ ...draft, hardships: draft.hardships.filter((_, j) => j !== i) })}>
            删除这一项
          </Text>
        </Card>
      ))}
      <Btn kind='ghost' onClick={() => onChange({ ...draft, hardships: [...draft.hardships, { type: 'serious_illness', occurredOn: '' }] })}>
        ＋ 添加一项困难
      </Btn>
    </View>
  );
}

/**
 * Relatives who do not live with the family but owe it support by law (子女在外地 …). Those living in
 * come from the members; a family that does not know may leave it (the file then says "not recorded").
 */
export function SupportersStep({ draft, onChange }: EditorProps) {
  const list = draft.supporters ?? [];
  const setList = (next: SupporterInput[]) => onChange({ ...draft, supporters: next });
  const setOne = (i: number, patch: Partial<SupporterInput>) => setList(list.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  const answer = (v: SupportersAnswer) => onChange({ ...draft, supportersAnswer: v, supporters: v === 'some' && list.length === 0 ? [newSupporter()] : list });
  return (
    <View>
      <Notice>
        有没有不住在一起、但按法律要赡养或抚养家里人的亲属？例如在外地工作的子女、分开住的配偶、父母。申请特困供养、低保时，要看他们有没有能力照顾家里。
      </Notice>
      <Choice<SupportersAnswer>
        label='有这样的亲属吗'
        options={[
          { value: 'some', label: '有' },
          { value: 'none', label: '没有' },
          { value: 'unknown', label: '不清楚，以后再说' },
        ]}
        value={draft.supportersAnswer}
        onChange={answer}
      />
      {draft.supportersAnswer === 'unknown' ? <Notice kind='warn'>不填也能提交，但特困供养等政策要等工作人员核实后才能判断。</Notice> : null}
      {draft.supportersAnswer === 'some'
        ? list.map((x, i) => (
            <Card key={i} className='supporter'>
              <View className='member-head'>
                <Text className='member-title'>
                  第 {i + 1} 位亲属：{x.name || '（未填姓名）'}
                </Text>
                <Text className='link link-danger' onClick={() => setList(list.filter((_, j) => j !== i))}>
                  删除
                </Text>
              </View>
              <Field label='姓名' value={x.name} maxlength={40} onChange={(v) => setOne(i, { name: v })} />
              <Choice<SupporterRelation>
                label='是户主的什么人'
                options={opts<SupporterRelation>(SUPPORTER_RELATION_LABELS)}
                value={x.relation}
                onChange={(v) => setOne(i, { relation: v })}
              />
              <DateField label='出生日期（不清楚可以不填）' value={x.birthDate ?? ''} onChange={(v) => setOne(i, { birthDate: v || null })} />
              {x.birthDate ? (
                <Text className='link' onClick={() => setOne(i, { birthDate: null })}>
                  记不清出生日期，清除
                </Text>
              ) : null}
              <Field
                label='他（她）自己每月收入（元）'
                type='digit'
                hint='不清楚可以不填'
                value={x.monthlyIncome === null ? '' : numText(x.monthlyIncome)}
                onChange={(v) => setOne(i, { monthlyIncome: v.trim() === '' ? null : num(v) })}
              />
              <Text className='field-label'>他（她）有没有下面的情况（可多选，没有就不选）</Text>
              {SUPPORTER_CONDITIONS.map((c) => (
                <Tick
                  key={c}
                  checked={x.conditions.includes(c)}
                  onChange={(on) => setOne(i, { conditions: SUPPORTER_CONDITIONS.filter((k) => (k === c ? on : x.conditions.includes(k))) })}
                >
                  <Text>{SUPPORTER_CONDITION_LABELS[c]}</Text>
                </Tick>
              ))}
              <Field label='补充说明（可不填）' value={x.note ?? ''} maxlength={200} onChange={(v) => setOne(i, { note: v })} />
            </Card>
          ))
        : null}
      {draft.supportersAnswer === 'some' ? (
        <Btn kind='ghost' onClick={() => setList([...list, newSupporter()])}>
          ＋ 再添加一位亲属
        </Btn>
      ) : null}
    </View>
  );
}

export function ReviewStep({
  draft,
  problems,
  stepProblems,
  onGoStep,
}: {
  draft: HouseholdDraft;
  problems: string[];
  stepProblems?: DraftProblem[];
  onGoStep?: (step: number) => void;
}) {
  const income = draft.incomes.reduce((s, x) => s + (Number.isNaN(x.monthlyAmount) ? 0 : x.monthlyAmount), 0);
  const steps = [...new Set((stepProblems ?? []).map((p) => p.step))];
  return (
    <View>
      {stepProblems && onGoStep && stepProblems.length > 0 ? (
        <Notice kind='warn'>
          <Text className='notice-title'>还有 {stepProblems.length} 处需要补充：</Text>
          {steps.map((step) => (
            <View key={step} className='problem-group'>
              {stepProblems
                .filter((p) => p.step === step)
                .map((p) => (
                  <Text key={p.text} className='bullet'>
                    · {p.text}
                  </Text>
                ))}
              <Text className='link go-step' onClick={() => onGoStep(step)}>
                去“{HOUSEHOLD_STEPS[step]}”这一步修改 ›
              </Text>
            </View>
          ))}
        </Notice>
      ) : problems.length > 0 ? (
        <Problems items={problems} title={`还有 ${problems.length} 处需要补充：`} />
      ) : (
        <Notice kind='ok'>信息已填写完整，请核对后提交。</Notice>
      )}
      <Card>
        <Row label='住址' value={<Text>{draft.address || '未填写'}</Text>} />
        <Row
          label='家庭成员'
          value={
            <Text>
              {draft.members.map((m) => `${m.name}（${RELATION_LABELS[m.relation]}，${m.idNumber ? maskIdNumber(m.idNumber) : '无证号'}）`).join('、') ||
                '未填写'}
            </Text>
          }
        />
        <Row label='每月收入合计' value={<Text>{draft.noIncome && draft.incomes.length === 0 ? '没有收入' : yuan(income)}</Text>} />
        <Row label='近一年刚性支出' value={<Text>{yuan(draft.expenses.reduce((s, e) => s + e.amount12m, 0))}</Text>} />
        <Row label='突发困难' value={<Text>{draft.hardships.map((h) => HARDSHIP_TYPE_LABELS[h.type]).join('、') || '无'}</Text>} />
        <Row
          label='不住在一起的亲属'
          value={
            <Text>
              {draft.supportersAnswer === 'some'
                ? (draft.supporters ?? []).map((x) => `${x.name || '未填姓名'}（${SUPPORTER_RELATION_LABELS[x.relation]}）`).join('、') || '未填写'
                : draft.supportersAnswer === 'none'
                  ? '没有'
                  : '未填写（待工作人员核实）'}
            </Text>
          }
        />
      </Card>
    </View>
  );
}

export function HouseholdStep(
  props: EditorProps & { step: number; problems: string[]; stepProblems?: DraftProblem[]; onGoStep?: (step: number) => void; showStepProblems?: boolean },
) {
  const here = (props.stepProblems ?? []).filter((p) => p.step === props.step).map((p) => p.text);
  return (
    <View>
      {props.showStepProblems && here.length > 0 && props.step < HOUSEHOLD_STEPS.length - 1 ? <Problems items={here} title='这一步还需要补充：' /> : null}
      <StepBody {...props} />
    </View>
  );
}

function StepBody(props: EditorProps & { step: number; problems: string[]; stepProblems?: DraftProblem[]; onGoStep?: (step: number) => void }) {
  switch (props.step) {
    case 0:
      return <AddressStep {...props} />;
    case 1:
      return <MembersStep {...props} />;
    case 2:
      return <IncomeStep {...props} />;
    case 3:
      return <AssetStep {...props} />;
    case 4:
      return <ExpenseStep {...props} />;
    case 5:
      return <HardshipStep {...props} />;
    case 6:
      return <SupportersStep {...props} />;
    default:
      return <ReviewStep draft={props.draft} problems={props.problems} stepProblems={props.stepProblems} onGoStep={props.onGoStep} />;
  }
}

/** Keeps a tap from scrolling the user to a half-seen step. */
export function scrollTop(): void {
  Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined);
}
