/**
 * One family of the worker's grid: who lives there (ID numbers and phones as the worker's role sees
 * them, i.e. masked), where, its risk colour, open warnings and tasks, the help it gets and may get,
 * and the way to the visit of its open task. Kept on the phone once seen, so it opens offline too.
 */
import { useState } from 'react';
import Taro, { useLoad, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { HOUSEHOLD_STATUS_LABELS, RELATION_LABELS } from '@zczr/domain';
import { RISK_COLOUR_LABELS, TASK_KIND_LABELS, type RiskColour } from '@zczr/contract';
import { api } from '../../services/api';
import { ApiError, errorMessage } from '../../services/request';
import type { Household, PolicyResult, Task, WarningView } from '../../services/types';
import { Btn, Card, Empty, ErrorBox, Loading, Notice, Row, Screen, yuan } from '../../components/ui';
import { reasonLabel, shortAddress } from '../lib/words';
import { householdKey, offlineBanner, readCache, useReconnect, writeCache } from '../lib/offline';

interface Detail {
  household: Household;
  warnings: WarningView[];
  tasks: Task[];
  /** null when matching is not available for this file (withdrawn, rejected) or failed. */
  policies: PolicyResult[] | null;
}

const OPEN_TASK = ['open', 'assigned', 'in_progress', 'returned'];
const COLOUR_ORDER: RiskColour[] = ['orange', 'yellow', 'blue', 'green'];

/** The visit page's query for a task of this family (the same words the task cards pass). */
export function visitUrl(t: Task, h: { headName: string; address: string }, tasks: Task[]): string {
  const reasons = [...new Set(tasks.map((x) => reasonLabel(x.reason)).filter(Boolean))].join('；');
  return `/pages-worker/visit/index?id=${t.id}&householdId=${t.householdId}&status=${t.status}&name=${encodeURIComponent(h.headName)}&address=${encodeURIComponent(h.address)}&reason=${encodeURIComponent(reasons)}`;
}

export default function HouseholdPage() {
  const router = useRouter();
  const id = router.params.id ?? '';
  const listColour = (router.params.colour ?? '') as RiskColour | '';
  const cached = id ? readCache<Detail>(householdKey(id)) : null;
  const [detail, setDetail] = useState<Detail | null>(cached?.data ?? null);
  const [staleAt, setStaleAt] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);

  const load = async () => {
    if (!id) {
      setMissing(true);
      return;
    }
    setError(null);
    try {
      const household = await api.household(id);
      const [warnings, tasks, policies] = await Promise.all([
        api.warnings({ householdId: id, status: 'open', pageSize: 50 }).then((p) => p.items),
        api.tasks({ householdId: id, active: true, pageSize: 50 }).then((p) => p.items),
        api.eligibility(id).then(
          (r) => r.results,
          () => null,
        ),
      ]);
      const next: Detail = { household, warnings, tasks, policies };
      writeCache(householdKey(id), next);
      setDetail(next);
      setStaleAt(null);
    } catch (e) {
      if (e instanceof ApiError && e.offline && readCache<Detail>(householdKey(id))) {
        setStaleAt(readCache<Detail>(householdKey(id))!.at);
      } else if (e instanceof ApiError && (e.status === 404 || e.status === 403)) {
        setMissing(true);
        setDetail(null);
      } else setError(errorMessage(e));
    } finally {
      Taro.stopPullDownRefresh();
    }
  };
  const [starting, setStarting] = useState(false);
  const startVisit = async () => {
    if (!detail) return;
    setStarting(true);
    try {
      const task = await api.startVisit(id);
      const next = { ...detail, tasks: [...detail.tasks, task] };
      writeCache(householdKey(id), next);
      setDetail(next);
      void Taro.navigateTo({ url: visitUrl(task, detail.household, [task]) });
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none', duration: 3000 });
      if (e instanceof ApiError && e.conflict) void load();
    } finally {
      setStarting(false);
    }
  };
  useLoad(() => void load());
  usePullDownRefresh(() => void load());
  useReconnect(() => {
    if (staleAt !== null || error) void load();
  });

  if (missing) return <Screen title='家庭详情'>{<Empty text='没有找到这户家庭，或它不在您负责的网格内' />}</Screen>;
  if (!detail) return <Screen title='家庭详情'>{error ? <ErrorBox message={error} onRetry={() => void load()} /> : <Loading />}</Screen>;

  const { household: h, warnings, tasks, policies } = detail;
  const open = tasks.filter((t) => OPEN_TASK.includes(t.status)).sort((a, b) => (a.dueDate < b.dueDate ? -1 : 1));
  const warned = warnings.map((w) => w.colour as RiskColour);
  const colour = COLOUR_ORDER.find((c) => c === listColour || warned.includes(c)) ?? null;
  const names = new Map((policies ?? []).map((p) => [p.policyCode, p.policyName]));
  const eligible = (policies ?? []).filter((p) => p.outcome === 'eligible' && !h.benefits.some((b) => b.policyCode === p.policyCode));

  return (
    <Screen title={`${h.headName}家`}>
      {staleAt !== null ? <Notice kind='warn'>{offlineBanner(staleAt)}</Notice> : null}
      {error ? <ErrorBox message={error} onRetry={() => void load()} /> : null}
      <Card className={`hh-detail task task-${colour ?? 'blue'}`}>
        <View className='policy-head'>
          <Text className='policy-name'>
            {h.headName}家（{h.members.length} 人）
          </Text>
          <Text className='tag'>{HOUSEHOLD_STATUS_LABELS[h.status]}</Text>
        </View>
        <Text className='task-where'>{shortAddress(h.address)}</Text>
        <Text className='muted'>风险：{colour ? RISK_COLOUR_LABELS[colour] : '尚未评估'}</Text>
      </Card>

      {open.length ? (
        <Btn onClick={() => void Taro.navigateTo({ url: visitUrl(open[0]!, h, open) })}>
          {open[0]!.status === 'in_progress' ? '继续入户核实' : '去入户核实'}
        </Btn>
      ) : (
        <View>
          <Notice>这户家庭目前没有待办任务。需要上门看看时，可以发起入户核实，任务会派给您自己。</Notice>
          <Btn loading={starting} disabled={staleAt !== null} onClick={() => void startVisit()}>
            发起入户核实
          </Btn>
        </View>
      )}

      <Text className='section-title'>家庭成员</Text>
      {h.members.map((m) => (
        <Card key={m.id || m.idNumber} className='hh-member'>
          <View className='policy-head'>
            <Text className='policy-name'>
              {m.name}（{RELATION_LABELS[m.relation]}，{m.age} 岁）
            </Text>
            {m.coResident ? null : <Text className='tag'>不在本户居住</Text>}
          </View>
          <Row label='身份证号' value={m.idNumber} />
          <Row label='电话' value={m.phone ?? '未登记'} />
        </Card>
      ))}

      <Text className='section-title'>待处理的预警（{warnings.length}）</Text>
      {warnings.length === 0 ? <Text className='muted'>没有待处理的预警</Text> : null}
      {warnings.map((w) => (
        <Card key={w.id} className={`task task-${w.colour}`}>
          <Text className='task-kind'>{w.ruleName}</Text>
          <Text className='task-line'>
            {w.colourLabel}，{w.raisedAt.slice(0, 10)} 发现
          </Text>
        </Card>
      ))}

      <Text className='section-title'>任务（{open.length}）</Text>
      {open.length === 0 ? <Text className='muted'>没有进行中的任务</Text> : null}
      {open.map((t) => (
        <Card key={t.id} className='task' onClick={() => void Taro.navigateTo({ url: visitUrl(t, h, [t]) })}>
          <Text className='task-kind'>{TASK_KIND_LABELS[t.kind]}</Text>
          <Text className='task-line'>
            {reasonLabel(t.reason)}（{t.statusLabel}，期限 {t.dueDate.slice(0, 10)}）
          </Text>
        </Card>
      ))}

      <Text className='section-title'>正在享受的救助</Text>
      {h.benefits.length === 0 ? <Text className='muted'>没有登记正在享受的救助</Text> : null}
      {h.benefits.map((b) => (
        <Row
          key={b.policyCode}
          label={names.get(b.policyCode) ?? b.policyCode}
          value={`${b.since} 起${b.monthlyAmount ? `，每月 ${yuan(b.monthlyAmount)}` : ''}`}
        />
      ))}
      {eligible.length ? (
        <View>
          <Text className='section-title'>可能还符合（请上门告知并协助申请）</Text>
          {eligible.map((p) => (
            <Row key={p.policyCode} label={p.policyName} value={p.department} />
          ))}
        </View>
      ) : null}
      <View className='spacer' />
    </Screen>
  );
}
