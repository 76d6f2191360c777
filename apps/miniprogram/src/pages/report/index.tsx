import { useRef, useState } from 'react';
import Taro, { useLoad } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { api } from '../../services/api';
import { cacheMe } from '../../services/session';
import { ApiError, errorMessage } from '../../services/request';
import { writeStored } from '../../services/storage';
import {
  clearResidentDraft,
  draftProblemsByStep,
  SUBMITTED_KEY,
  emptyDraft,
  loadResidentDraft,
  saveResidentDraft,
  toHouseholdBody,
  type HouseholdDraft,
} from '../../services/household-draft';
import { HOUSEHOLD_STEPS, HouseholdStep, scrollTop } from '../../components/household-editor';
import { Btn, ErrorBox, Loading, Notice, Screen, Steps } from '../../components/ui';
import { go } from '../../services/nav';

export default function Report() {
  const [draft, setDraft] = useState<HouseholdDraft | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** The family is already on file: submitting again would duplicate it, so the page leads to the file. */
  const [duplicate, setDuplicate] = useState(false);
  /** Once the review step has been seen, each step shows what it still lacks. */
  const [reviewed, setReviewed] = useState(false);
  const saving = useRef<Promise<unknown>>(Promise.resolve());

  useLoad(() => {
    const d = loadResidentDraft() ?? emptyDraft('hh');
    if (!d.consentId) {
      void Taro.redirectTo({ url: '/pages/consent/index' });
      return;
    }
    setDraft(d);
    if (d.savedAt && d.members.length > 0) setSaved(`已恢复上次保存的草稿（${d.savedAt.slice(0, 16).replace('T', ' ')}）`);
  });

  if (!draft)
    return (
      <Screen title='填报家庭情况'>
        <Loading />
      </Screen>
    );

  const change = (d: HouseholdDraft) => {
    setDraft(d);
    saving.current = saveResidentDraft(d).then(() => setSaved('草稿已自动保存在本机'));
  };
  const last = HOUSEHOLD_STEPS.length - 1;
  const goStep = (step: number) => {
    if (step === last) setReviewed(true);
    change({ ...draft, step });
    scrollTop();
  };
  const stepProblems = draftProblemsByStep(draft);
  const problems = stepProblems.map((p) => p.text);

  const submit = async () => {
    if (problems.length || !draft.consentId) return;
    setBusy(true);
    setError(null);
    try {
      const body = toHouseholdBody(draft);
      await saving.current;
      const result = await api.createHousehold({ ...body, consentId: draft.consentId }, draft.idempotencyKey);
      writeStored(SUBMITTED_KEY, { householdId: result.household.id, body });
      clearResidentDraft();
      try {
        cacheMe(await api.me());
      } catch {
        /* the status page reloads it */
      }
      await Taro.showToast({ title: '提交成功', icon: 'success' });
      void Taro.redirectTo({ url: `/pages/status/index?householdId=${result.household.id}&fresh=1` });
    } catch (e) {
      // The draft and its idempotency key stay: submitting again is answered once, not twice.
      if (e instanceof ApiError && e.code === 'DUPLICATE_MEMBER') setDuplicate(true);
      setError(e instanceof ApiError && e.offline ? '网络不通，信息已保存在手机上，有网络时再点“提交”即可' : errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Screen title='填报家庭情况'>
      <Steps steps={HOUSEHOLD_STEPS} current={draft.step} />
      {saved ? <Text className='saved'>{saved}</Text> : null}
      <HouseholdStep
        draft={draft}
        onChange={change}
        step={draft.step}
        problems={problems}
        stepProblems={stepProblems}
        onGoStep={goStep}
        showStepProblems={reviewed}
        consentId={draft.consentId}
      />
      {error ? <ErrorBox message={error} /> : null}
      {duplicate ? (
        <Notice kind='warn'>
          <Text className='para'>您家已经有家庭档案，不用重新填报。情况有变化时，在原档案上修改即可。</Text>
          <Btn onClick={() => go('/pages/update/index')}>打开我家的档案修改</Btn>
          <Btn kind='ghost' onClick={() => go('/pages/status/index')}>
            查看办理进度
          </Btn>
        </Notice>
      ) : null}
      <View className='nav-buttons'>
        {draft.step > 0 ? (
          <Btn kind='ghost' onClick={() => goStep(draft.step - 1)}>
            上一步
          </Btn>
        ) : null}
        {draft.step < last ? (
          <Btn onClick={() => goStep(draft.step + 1)}>下一步</Btn>
        ) : (
          <Btn loading={busy} disabled={problems.length > 0} onClick={() => void submit()}>
            提交
          </Btn>
        )}
      </View>
      {draft.step === last && problems.length === 0 ? <Notice>提交后，街道工作人员会审核；您可以在“办理进度”里随时查看。</Notice> : null}
      <View className='spacer' />
    </Screen>
  );
}
