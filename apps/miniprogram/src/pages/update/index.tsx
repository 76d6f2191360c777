import { useState } from 'react';
import Taro, { useLoad } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { EXPENSE_TYPE_LABELS, type ExpenseType, type MemberInput } from '@zczr/domain';
import { api } from '../../services/api';
import { refreshMe } from '../../services/auth';
import { errorMessage, newIdempotencyKey } from '../../services/request';
import { readStored, writeStored } from '../../services/storage';
import { newMember, SUBMITTED_KEY, type HouseholdDraft } from '../../services/household-draft';
import type { Household, HouseholdBody } from '../../services/types';
import { MemberEditor, SupportersStep } from '../../components/household-editor';
import { supportersDraft, supportersProblem, supportersSection } from './supporters';
import { Btn, Card, Choice, ErrorBox, Field, Loading, Notice, Screen } from '../../components/ui';
import { validateIdNumber } from '@zczr/id-card';

type Change = 'member' | 'job' | 'bill' | 'supporters';

export default function Update() {
  const [h, setH] = useState<Household | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [change, setChange] = useState<Change>('bill');
  const [member, setMember] = useState<MemberInput>(newMember('child'));
  const [date, setDate] = useState(new Date().toISOString().slice(0, 10));
  const [billType, setBillType] = useState<ExpenseType>('medical_self_paid');
  const [amount, setAmount] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [key, setKey] = useState(() => newIdempotencyKey('upd'));
  const [sup, setSup] = useState<{ draft: HouseholdDraft; masked: boolean } | null>(null);

  useLoad(() => {
    void (async () => {
      try {
        const me = await refreshMe();
        if (!me.householdId) throw new Error('还没有家庭档案，请先填报');
        const household = await api.household(me.householdId);
        setH(household);
        setSup(supportersDraft(household, readStored<{ householdId: string; body: HouseholdBody }>(SUBMITTED_KEY)));
      } catch (e) {
        setError(errorMessage(e));
      }
    })();
  });

  const saved = readStored<{ householdId: string; body: HouseholdBody }>(SUBMITTED_KEY);
  const fullMembers = saved && h && saved.householdId === h.id ? saved.body.members : null;

  const submit = async () => {
    if (!h) return;
    let patch: Partial<HouseholdBody> & { version: number };
    if (change === 'member') {
      const v = validateIdNumber(member.idNumber);
      if (!v.valid || !fullMembers) return;
      patch = { version: h.version, members: [...fullMembers, { ...member, idNumber: v.idNumber }] };
    } else if (change === 'supporters') {
      if (!sup || supportersProblem(sup.draft)) return;
      patch = { version: h.version, supporters: supportersSection(h, sup.draft) };
    } else if (change === 'job') {
      patch = { version: h.version, hardships: [...h.hardships, { type: 'job_loss', occurredOn: date }] };
    } else {
      patch = { version: h.version, expenses: [...h.expenses, { type: billType, amount12m: Number(amount), note: `新增账单 ${date}` }] };
    }
    setBusy(true);
    setError(null);
    try {
      await api.updateHousehold(h.id, patch, key);
      if (patch.members && saved) writeStored(SUBMITTED_KEY, { ...saved, body: { ...saved.body, members: patch.members } });
      if (patch.supporters && saved && saved.householdId === h.id)
        writeStored(SUBMITTED_KEY, { ...saved, body: { ...saved.body, supporters: patch.supporters } });
      setDone('已提交变更，工作人员审核后生效。可以在“办理进度”查看。');
      setKey(newIdempotencyKey('upd'));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const amountOk = Number(amount) > 0;
  const dateOk = /^\d{4}-\d{2}-\d{2}$/.test(date);
  return (
    <Screen title='家里情况有变化'>
      {!h && !error ? <Loading /> : null}
      {error ? <ErrorBox message={error} /> : null}
      {done ? (
        <Notice kind='ok'>
          <Text>{done}</Text>
        </Notice>
      ) : null}
      {h ? (
        <View>
          <Choice<Change>
            label='发生了什么变化'
            options={[
              { value: 'bill', label: '新的看病/上学账单' },
              { value: 'job', label: '有人失业了' },
              { value: 'member', label: '家里添了人' },
              { value: 'supporters', label: '在外亲属有变化' },
            ]}
            value={change}
            onChange={setChange}
          />
          {change === 'bill' ? (
            <Card>
              <Choice<ExpenseType>
                label='账单类型'
                options={(Object.keys(EXPENSE_TYPE_LABELS) as ExpenseType[]).map((t) => ({ value: t, label: EXPENSE_TYPE_LABELS[t] }))}
                value={billType}
                onChange={setBillType}
              />
              <Field label='金额（元）' type='digit' value={amount} onChange={setAmount} />
              <Field label='日期' value={date} onChange={setDate} />
            </Card>
          ) : null}
          {change === 'job' ? (
            <Card>
              <Field label='失业日期' value={date} onChange={setDate} hint='例如 2026-10-08' />
            </Card>
          ) : null}
          {change === 'member' ? (
            fullMembers ? (
              <MemberEditor member={member} index={h.members.length} onChange={setMember} consentId={h.consentId} />
            ) : (
              <Notice kind='warn'>这台手机上没有您家成员的完整信息。新增家人请联系网格员上门办理，或到社区办理。</Notice>
            )
          ) : null}
          {change === 'supporters' && sup ? (
            <View>
              {sup.masked ? <Notice kind='warn'>为保护隐私，这里只显示亲属姓名的第一个字。修改时请把每位亲属的完整姓名重新写一遍。</Notice> : null}
              <SupportersStep draft={sup.draft} onChange={(d) => setSup({ ...sup, draft: d })} />
              {supportersProblem(sup.draft) ? <Text className='muted'>{supportersProblem(sup.draft)}</Text> : null}
            </View>
          ) : null}
          <Btn
            loading={busy}
            disabled={
              (change === 'bill' && (!amountOk || !dateOk)) ||
              (change === 'job' && !dateOk) ||
              (change === 'supporters' && (!sup || supportersProblem(sup.draft) !== null)) ||
              (change === 'member' && (!fullMembers || !validateIdNumber(member.idNumber).valid || member.name.length < 2))
            }
            onClick={() => void submit()}
          >
            提交变更
          </Btn>
          <Btn kind='ghost' onClick={() => void Taro.navigateTo({ url: '/pages/status/index' })}>
            查看办理进度
          </Btn>
        </View>
      ) : null}
    </Screen>
  );
}

export type { HouseholdDraft };
