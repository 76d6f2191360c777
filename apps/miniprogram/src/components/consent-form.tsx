/** The consent text, purposes, the separate tick for sensitive data, and a guardian for a child under 14. */
import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import {
  CONSENT_PURPOSE_LABELS,
  CONSENT_PURPOSES,
  SUPPORTER_RELATION_LABELS,
  SUPPORTER_RELATIONS,
  type ConsentPurpose,
  type SupporterRelation,
} from '@zczr/domain';
import { ageOn, validateIdNumber } from '@zczr/id-card';
import type { ConsentInput } from '../services/types';
import { SignaturePad } from './signature-pad';
import { Btn, Card, Choice, Field, Notice, Tick } from './ui';

/** A co-resident adult signing beside the person who consented (经济状况核对授权), as typed on the phone. */
export interface SignerDraft {
  key: string;
  name: string;
  relation: SupporterRelation | null;
  idNumber: string;
  signature: string | null;
}

const SIGNER_RELATIONS = SUPPORTER_RELATIONS.map((value) => ({ value, label: SUPPORTER_RELATION_LABELS[value] }));

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
  /** Other co-resident adults who sign (drafts saved before this field existed have none). */
  signers?: SignerDraft[];
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
    signers: [],
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
  return [...out, ...signerProblems(c)];
}

/** What stops a co-signer from counting: each is a named adult, signed, and signs only once. */
export function signerProblems(c: ConsentState): string[] {
  const out: string[] = [];
  const seen = new Set<string>([validateIdNumber(c.subjectIdNumber).valid ? (validateIdNumber(c.subjectIdNumber) as { idNumber: string }).idNumber : '']);
  (c.signers ?? []).forEach((x, i) => {
    const who = `第 ${i + 1} 位共同签字人`;
    if (!/^[\u4e00-\u9fa5·]{2,20}$/.test(x.name)) out.push(`${who}：请填写姓名（2–20 个汉字）`);
    if (!x.relation) out.push(`${who}：请选择与授权人的关系`);
    const v = validateIdNumber(x.idNumber);
    if (!v.valid) out.push(`${who}：身份证号${v.message}`);
    else if (ageOn(v.birthDate, new Date()) < 18) out.push(`${who}：未满 18 周岁，不需要签字`);
    else if (seen.has(v.idNumber)) out.push(`${who}：与前面的人是同一人，只需签一次`);
    else seen.add(v.idNumber);
    if (!x.signature) out.push(`${who}：请本人手写签名`);
  });
  return out;
}

export function newSigner(): SignerDraft {
  return { key: `s${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`, name: '', relation: null, idNumber: '', signature: null };
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
  const signers = (c.signers ?? []).filter((x) => x.signature && x.relation);
  if (signers.length)
    input.signers = signers.map((x) => {
      const v = validateIdNumber(x.idNumber);
      return { name: x.name.trim(), relation: x.relation!, idNumber: v.valid ? v.idNumber : x.idNumber, signatureImage: x.signature! };
    });
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

export function ConsentForm(props: {
  value: ConsentState;
  onChange: (c: ConsentState) => void;
  subjectEditable: boolean;
  /** Shown before the co-signers (the worker's page puts the subject's own signature there). */
  beforeSigners?: ReactNode;
}) {
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
      {props.beforeSigners}
      {c.purposes.includes('economic_check') ? <ConsentSigners value={c.signers ?? []} onChange={(signers) => set({ signers })} /> : null}
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

/**
 * 共同签字人: a 低保 economic check needs every co-resident adult's authorisation. One signature pad
 * per signer; someone who does not sign leaves the consent valid but the check incomplete.
 */
export function ConsentSigners(props: { value: SignerDraft[]; onChange: (v: SignerDraft[]) => void }) {
  const put = (i: number, patch: Partial<SignerDraft>) => props.onChange(props.value.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  return (
    <View className='consent-signers'>
      <Text className='section-title'>家中其他成年人签字（经济状况核对）</Text>
      <Notice>核对家庭经济状况（如申请低保），家里一起生活的每位成年人（年满 18 周岁）都要签字授权。有人没签，授权仍然有效，但经济状况核对要等他补签。</Notice>
      {props.value.map((x, i) => {
        const v = x.idNumber.length >= 15 ? validateIdNumber(x.idNumber) : null;
        return (
          <View key={x.key} className='signer'>
            <Text className='card-title'>共同签字人 {i + 1}</Text>
            <Field label='签字人姓名' value={x.name} onChange={(name) => put(i, { name })} />
            <Choice label='与授权人的关系' options={SIGNER_RELATIONS} value={x.relation} onChange={(relation) => put(i, { relation })} />
            <Field
              label='签字人身份证号'
              type='idcard'
              maxlength={18}
              value={x.idNumber}
              onChange={(idNumber) => put(i, { idNumber })}
              error={v && !v.valid ? v.message : null}
            />
            <SignaturePad id={`signature-${x.key}`} prompt={`请${x.name || '签字人'}本人在框内手写签名`} onChange={(signature) => put(i, { signature })} />
            <Btn kind='ghost' onClick={() => props.onChange(props.value.filter((_, j) => j !== i))}>
              删除这位签字人
            </Btn>
          </View>
        );
      })}
      {props.value.length < 9 ? (
        <Btn kind='ghost' onClick={() => props.onChange([...props.value, newSigner()])}>
          添加共同签字人
        </Btn>
      ) : null}
    </View>
  );
}
