import { useState } from 'react';
import Taro, { useLoad } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { cachedMe } from '../../services/session';
import { readStored, removeStored, saveStored } from '../../services/storage';
import { draftProblems, emptyDraft, newMember, toHouseholdBody, type HouseholdDraft } from '../../services/household-draft';
import { ConsentForm, consentProblems, initialConsent, toConsentInput, type ConsentState } from '../../components/consent-form';
import { HOUSEHOLD_STEPS, HouseholdStep, scrollTop } from '../../components/household-editor';
import { Btn, Notice, Problems, Screen, Steps } from '../../components/ui';
import { SignaturePad } from '../lib/signature-pad';
import { enqueueCollect, syncOutbox } from '../lib/queue';

const DRAFT_KEY = 'zczr.worker.collectDraft';
const STEPS = ['当面授权', ...HOUSEHOLD_STEPS] as const;

interface CollectDraft {
  consent: ConsentState;
  signature: string | null;
  household: HouseholdDraft;
}

function fresh(): CollectDraft {
  const me = cachedMe();
  const gridId = me?.gridIds[0];
  const household = { ...emptyDraft('hh'), members: [newMember('head')] };
  if (gridId) {
    const community = gridId.split('-')[0];
    Object.assign(household, { gridId, communityCode: community, streetCode: community.slice(0, 9) });
  }
  return { consent: initialConsent(), signature: null, household };
}

export default function Collect() {
  const [d, setD] = useState<CollectDraft>(() => readStored<CollectDraft>(DRAFT_KEY) ?? fresh());
  const [restored, setRestored] = useState(false);
  const [busy, setBusy] = useState(false);
  useLoad(() => setRestored(readStored<CollectDraft>(DRAFT_KEY) !== null));

  const change = (next: CollectDraft) => {
    setD(next);
    void saveStored(DRAFT_KEY, next);
  };
  const step = d.household.step;
  const goStep = (s: number) => {
    // The first member is normally the person who signed: prefill from the consent.
    const h = { ...d.household, step: s };
    if (step === 0 && h.members.length === 1 && !h.members[0].name && !h.members[0].idNumber) {
      h.members = [{ ...h.members[0], name: d.consent.subjectName, idNumber: d.consent.subjectIdNumber }];
    }
    change({ ...d, household: h });
    scrollTop();
  };

  const consentIssues = [...consentProblems(d.consent), ...(d.signature ? [] : ['请授权人手写签名'])];
  const problems = draftProblems(d.household);
  const last = STEPS.length - 1;

  const save = async () => {
    if (consentIssues.length || problems.length || !d.signature) return;
    setBusy(true);
    const title = `${d.household.members.find((m) => m.relation === 'head')?.name ?? d.consent.subjectName} 家`;
    enqueueCollect(title, toConsentInput(d.consent, 'in_person_signature', d.signature), toHouseholdBody(d.household));
    removeStored(DRAFT_KEY);
    const r = await syncOutbox();
    setBusy(false);
    await Taro.showToast({ title: r.offline ? '已保存，待联网上传' : '已上传', icon: r.offline ? 'none' : 'success' });
    void Taro.navigateBack().catch(() => Taro.redirectTo({ url: '/pages-worker/home/index' }));
  };

  return (
    <Screen title='入户采集'>
      <Steps steps={STEPS} current={step} />
      <Text className='saved'>{restored ? '已恢复上次未完成的采集。' : ''}所填内容随时保存在手机上，没有网络也不会丢。</Text>
      {step === 0 ? (
        <View>
          <Notice>请授权人（家庭成员本人，未满 14 周岁由监护人）阅读授权书，勾选后当面手写签名。</Notice>
          <ConsentForm
            value={d.consent}
            onChange={(c) => change({ ...d, consent: c })}
            subjectEditable
            beforeSigners={
              <View>
                <Text className='section-title'>授权人签名</Text>
                <SignaturePad onChange={(s) => change({ ...d, signature: s })} />
              </View>
            }
          />
          <Problems items={consentIssues} />
        </View>
      ) : (
        <HouseholdStep draft={d.household} onChange={(h) => change({ ...d, household: h })} step={step - 1} problems={problems} consentId={null} />
      )}
      <View className='nav-buttons'>
        {step > 0 ? (
          <Btn kind='ghost' onClick={() => goStep(step - 1)}>
            上一步
          </Btn>
        ) : null}
        {step < last ? (
          <Btn disabled={step === 0 && consentIssues.length > 0} onClick={() => goStep(step + 1)}>
            下一步
          </Btn>
        ) : (
          <Btn loading={busy} disabled={problems.length > 0 || consentIssues.length > 0} onClick={() => void save()}>
            保存并上传
          </Btn>
        )}
      </View>
      <View className='spacer' />
    </Screen>
  );
}
