/** The consent text, purposes, the separate tick for sensitive data, and a guardian for a child under 14. */
import { Text, View } from '@tarojs/components';
import { CONSENT_PURPOSE_LABELS, CONSENT_PURPOSES, type ConsentPurpose } from '@zczr/domain';
import { ageOn, validateIdNumber } from '@zczr/id-card';
import type { ConsentInput } from '../services/types';
import { Card, Field, Notice, Tick } from './ui';

export const CONSENT_TEXT_VERSION = '2026-11';

export const CONSENT_PARAGRAPHS: readonly string[] = [
  '为帮助您和家人及时获得社会救助，区民政局（个人信息处理者）需要收集和使用您家庭的以下信息：家庭成员姓名、身份证号、住址、收入、财产、支出、健康和残疾情况。',
  '这些信息只用于您勾选的用途，由民政部门及受委托的街道、社区工作人员处理，加密保存，不会公开，也不会用于其他目的。',
  '身份证号、健康、残疾、银行账户和不满十四周岁未成年人的信息属于敏感个人信息，需要您单独同意。',
  '您可以随时在“我的—撤回授权”中撤回同意，撤回和同意一样简单。撤回后我们将停止处理，并依法删除或封存您的信息；撤回不影响撤回前已进行的处理。',
  '根据《个人信息保护法》，您有权查阅、复制、更正您的信息。如有疑问，可联系所在社区或拨打 12345 政务服务热线。',
];

export interface ConsentState {
  subjectName: string;
  subjectIdNumber: string;
  purposes: ConsentPurpose[];
  sensitiveData: boolean;
  readText: boolean;
  guardianName: string;
  guardianIdNumber: string;
  guardianRelation: string;
}

export function initialConsent(name = '', idNumber = ''): ConsentState {
  return {
    subjectName: name,
    subjectIdNumber: idNumber,
    purposes: ['assistance_assessment', 'economic_check'],
    sensitiveData: false,
    readText: false,
    guardianName: '',
    guardianIdNumber: '',
    guardianRelation: '',
  };
}

export function subjectUnder14(c: ConsentState): boolean {
  const v = validateIdNumber(c.subjectIdNumber);
  return v.valid && ageOn(v.birthDate, new Date()) < 14;
}

export function consentProblems(c: ConsentState): string[] {
  const out: string[] = [];
  if (!/^[\u4e00-\u9fa5·]{2,20}$/.test(c.subjectName)) out.push('请填写授权人姓名（2–20 个汉字）');
  const v = validateIdNumber(c.subjectIdNumber);
  if (!v.valid) out.push(`授权人身份证号：${v.message}`);
  if (!c.readText) out.push('请阅读授权书全文并勾选“我已阅读”');
  if (!c.purposes.includes('assistance_assessment')) out.push('“社会救助资格评估”是办理救助的必要用途，请勾选');
  if (!c.sensitiveData) out.push('请单独勾选同意处理敏感个人信息，否则无法评估救助资格');
  if (subjectUnder14(c)) {
    if (!/^[\u4e00-\u9fa5·]{2,20}$/.test(c.guardianName)) out.push('授权人未满 14 周岁：请填写监护人姓名');
    if (!validateIdNumber(c.guardianIdNumber).valid) out.push('授权人未满 14 周岁：请填写监护人正确的身份证号');
    if (!c.guardianRelation.trim()) out.push('授权人未满 14 周岁：请填写监护人与其关系');
  }
  return out;
}

export function toConsentInput(c: ConsentState, method: ConsentInput['method'], signatureImage?: string): ConsentInput {
  const v = validateIdNumber(c.subjectIdNumber);
  const input: ConsentInput = {
    subjectName: c.subjectName.trim(),
    subjectIdNumber: v.valid ? v.idNumber : c.subjectIdNumber,
    purposes: c.purposes,
    sensitiveData: c.sensitiveData,
    textVersion: CONSENT_TEXT_VERSION,
    method,
    ...(signatureImage ? { signatureImage } : {}),
  };
  if (subjectUnder14(c)) {
    const g = validateIdNumber(c.guardianIdNumber);
    Object.assign(input, {
      guardianName: c.guardianName.trim(),
      guardianIdNumber: g.valid ? g.idNumber : c.guardianIdNumber,
      guardianRelation: c.guardianRelation.trim(),
    });
  }
  return input;
}

export function ConsentForm(props: { value: ConsentState; onChange: (c: ConsentState) => void; subjectEditable: boolean }) {
  const c = props.value;
  const set = (patch: Partial<ConsentState>) => props.onChange({ ...c, ...patch });
  const togglePurpose = (p: ConsentPurpose, on: boolean) =>
    set({ purposes: on ? [...c.purposes, p].filter((x, i, a) => a.indexOf(x) === i) : c.purposes.filter((x) => x !== p) });
  return (
    <View>
      <Card className='consent-text'>
        <Text className='card-title'>个人信息处理授权书（{CONSENT_TEXT_VERSION} 版）</Text>
        {CONSENT_PARAGRAPHS.map((p, i) => (
          <Text key={i} className='para'>
            {p}
          </Text>
        ))}
      </Card>
      <Tick checked={c.readText} onChange={(v) => set({ readText: v })}>
        <Text>我已阅读并理解以上授权书全文</Text>
      </Tick>
      {props.subjectEditable ? (
        <View>
          <Field label='授权人姓名' value={c.subjectName} onChange={(v) => set({ subjectName: v })} />
          <Field
            label='授权人身份证号'
            type='idcard'
            maxlength={18}
            value={c.subjectIdNumber}
            onChange={(v) => set({ subjectIdNumber: v })}
            error={
              c.subjectIdNumber.length >= 15 && !validateIdNumber(c.subjectIdNumber).valid
                ? (validateIdNumber(c.subjectIdNumber) as { message: string }).message
                : null
            }
          />
        </View>
      ) : (
        <Notice>
          <Text>授权人：{c.subjectName}</Text>
        </Notice>
      )}
      <Text className='section-title'>同意用于以下用途（可多选）</Text>
      {CONSENT_PURPOSES.map((p) => (
        <Tick key={p} checked={c.purposes.includes(p)} onChange={(v) => togglePurpose(p, v)}>
          <Text>{CONSENT_PURPOSE_LABELS[p]}</Text>
        </Tick>
      ))}
      <Text className='section-title'>敏感个人信息（需单独同意）</Text>
      <Tick checked={c.sensitiveData} onChange={(v) => set({ sensitiveData: v })}>
        <Text>我单独同意处理我家庭成员的身份证号、健康、残疾和金融账户等敏感个人信息</Text>
      </Tick>
      {subjectUnder14(c) ? (
        <Card>
          <Notice kind='warn'>授权人未满 14 周岁，须由监护人同意。</Notice>
          <Field label='监护人姓名' value={c.guardianName} onChange={(v) => set({ guardianName: v })} />
          <Field label='监护人身份证号' type='idcard' maxlength={18} value={c.guardianIdNumber} onChange={(v) => set({ guardianIdNumber: v })} />
          <Field label='与授权人的关系' placeholder='例如：父亲、母亲、祖母' value={c.guardianRelation} onChange={(v) => set({ guardianRelation: v })} />
        </Card>
      ) : null}
    </View>
  );
}
