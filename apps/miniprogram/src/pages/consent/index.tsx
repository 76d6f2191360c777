import { useState } from 'react';
import Taro, { useLoad } from '@tarojs/taro';
import { api } from '../../services/api';
import { cachedMe } from '../../services/session';
import { errorMessage, newIdempotencyKey } from '../../services/request';
import { emptyDraft, loadResidentDraft, saveResidentDraft } from '../../services/household-draft';
import { ConsentForm, consentProblems, initialConsent, toConsentInput, type ConsentState } from '../../components/consent-form';
import { Btn, ErrorBox, Notice, Problems, Screen } from '../../components/ui';
import { View } from '@tarojs/components';

export default function ConsentPage() {
  const [state, setState] = useState<ConsentState>(initialConsent());
  const [knownSelf, setKnownSelf] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [key] = useState(() => newIdempotencyKey('consent'));

  useLoad(() => {
    const draft = loadResidentDraft();
    if (draft?.consentId) {
      void Taro.redirectTo({ url: '/pages/report/index' });
      return;
    }
    const self = draft?.members[0];
    const me = cachedMe();
    if (self?.idNumber) {
      setState(initialConsent(self.name, self.idNumber));
      setKnownSelf(true);
    } else setState(initialConsent(me?.realName ?? ''));
  });

  const problems = consentProblems(state);
  const submit = async () => {
    if (problems.length) return;
    setBusy(true);
    setError(null);
    try {
      const consent = await api.giveConsent(toConsentInput(state, 'self_online'), key);
      const draft = loadResidentDraft() ?? emptyDraft('hh');
      await saveResidentDraft({ ...draft, consentId: consent.id });
      void Taro.redirectTo({ url: '/pages/report/index' });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Screen title='授权同意'>
      <Notice>填报家庭情况前，需要您同意我们处理您家庭的信息。请仔细阅读。</Notice>
      <ConsentForm value={state} onChange={setState} subjectEditable={!knownSelf} />
      {error ? <ErrorBox message={error} /> : null}
      <Problems items={problems} />
      <Btn loading={busy} disabled={problems.length > 0} onClick={() => void submit()}>
        同意并继续
      </Btn>
      <View className='spacer' />
    </Screen>
  );
}
