import { useState } from 'react';
import { TASK_KIND_LABELS } from '@zczr/contract';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { api } from '../../services/api';
import { ApiError, errorMessage } from '../../services/request';
import { readStored, writeStored } from '../../services/storage';
import type { Task } from '../../services/types';
import { Btn, Card, Empty, ErrorBox, Loading, Notice, Screen } from '../../components/ui';
import { OutboxPanel, useOutbox } from '../lib/outbox-panel';
import { reasonLabel, shortAddress } from '../lib/words';
import { prefetchRegions } from '../../services/regions';
import { useEffect } from 'react';
import { offlineBanner, prefetchHouseholds, useReconnect } from '../lib/offline';

const TASKS_KEY = 'zczr.worker.tasks';
const KIND: Readonly<Record<Task['kind'], string>> = TASK_KIND_LABELS;

function daysLeft(due: string): number {
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  return Math.round((Date.parse(due.slice(0, 10)) - Date.parse(today)) / 86_400_000);
}

/** Orange = overdue or due today, yellow = within 3 days, blue = later (the console's risk colours). */
function colour(t: Task): 'orange' | 'yellow' | 'blue' {
  const d = daysLeft(t.dueDate);
  if (t.overdue || d <= 0) return 'orange';
  return d <= 3 ? 'yellow' : 'blue';
}

export default function WorkerHome() {
  const [tasks, setTasks] = useState<Task[] | null>(readStored<{ items: Task[] }>(TASKS_KEY)?.items ?? null);
  const [tasksNote, setTasksNote] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { items, syncNow, refresh, lastError } = useOutbox();
  const [filter, setFilter] = useState<'all' | 'overdue' | 'soon'>('all');

  const load = async () => {
    setError(null);
    try {
      const cached = readStored<{ items: Task[]; cursor: number }>(TASKS_KEY);
      const page = await api.tasks({ mine: true, since: cached?.cursor, pageSize: 100 });
      const byId = new Map((cached?.items ?? []).map((t) => [t.id, t]));
      for (const t of page.items) {
        if (t.removed) byId.delete(t.id);
        else byId.set(t.id, t);
      }
      const merged = [...byId.values()];
      writeStored(TASKS_KEY, { items: merged, cursor: page.cursor, at: Date.now() });
      prefetchRegions();
      prefetchHouseholds();
      setTasks(merged);
      setTasksNote(null);
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) setTasksNote('任务功能暂未开通');
      else if (e instanceof ApiError && e.offline) {
        const at = readStored<{ at?: number }>(TASKS_KEY)?.at;
        setTasksNote(at ? `${offlineBanner(at)}（网络不通）` : '网络不通，显示的是上次同步的任务');
      } else setError(errorMessage(e));
      if (!tasks) setTasks([]);
    } finally {
      Taro.stopPullDownRefresh();
    }
  };
  useDidShow(() => void load());
  usePullDownRefresh(() => void load());
  // Back online: the tasks are fetched again (the outbox sends what waited by itself, see useOutbox).
  useReconnect(() => void load());
  // Back online, the outbox sends what waited: then the task list is fetched again (no stale banner, no visited task left).
  const sent = items.filter((x) => x.status === 'done').length;
  useEffect(() => {
    if (sent > 0) void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [sent]);

  // A visit waiting in the outbox marks its task: it is done on this phone, only not yet uploaded.
  const queued = new Set(items.filter((x) => x.kind === 'visit' && x.status !== 'done').map((x) => (x.kind === 'visit' ? x.taskId : '')));
  const open = (tasks ?? []).filter((t) => t.status !== 'accepted' && t.status !== 'closed' && t.status !== 'submitted' && !queued.has(t.id));
  open.sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0));
  const shown = open.filter((t) => filter === 'all' || (filter === 'overdue' ? t.overdue || daysLeft(t.dueDate) < 0 : daysLeft(t.dueDate) <= 3));
  // One card per family: its tasks together, the most urgent first.
  const families = new Map<string, Task[]>();
  for (const t of shown) families.set(t.householdId, [...(families.get(t.householdId) ?? []), t]);
  const overdueCount = open.filter((t) => t.overdue || daysLeft(t.dueDate) < 0).length;
  const soonCount = open.filter((t) => daysLeft(t.dueDate) <= 3).length;
  const queuedTasks = (tasks ?? []).filter((t) => queued.has(t.id));

  return (
    <Screen title='网格员工作台'>
      <OutboxPanel items={items} onSync={syncNow} onChanged={refresh} lastError={lastError} />
      <View className='nav-buttons'>
        <Btn onClick={() => void Taro.navigateTo({ url: '/pages-worker/collect/index' })}>＋ 入户采集新家庭</Btn>
        <Btn kind='ghost' onClick={() => void Taro.navigateTo({ url: '/pages-worker/households/index' })}>
          网格内家庭
        </Btn>
      </View>
      <Text className='section-title'>
        我的任务：{families.size} 户、{shown.length} 项（按期限排序）
      </Text>
      <View className='chips'>
        {(
          [
            ['all', `全部 ${open.length}`],
            ['overdue', `已超期 ${overdueCount}`],
            ['soon', `3 天内到期 ${soonCount}`],
          ] as const
        ).map(([k, label]) => (
          <View key={k} className={`chip${filter === k ? ' chip-on' : ''}`} onClick={() => setFilter(k)}>
            <Text>{label}</Text>
          </View>
        ))}
      </View>
      {tasksNote ? <Notice kind='warn'>{tasksNote}</Notice> : null}
      {error ? <ErrorBox message={error} onRetry={() => void load()} /> : null}
      {!tasks && !error ? <Loading /> : null}
      {tasks && shown.length === 0 ? <Empty text={open.length ? '没有符合筛选的任务' : '今天没有待办任务'} /> : null}
      {[...families.values()].map((list) => {
        const t = list[0]!;
        const d = daysLeft(t.dueDate);
        const q = `id=${t.id}&householdId=${t.householdId}&status=${t.status}&name=${encodeURIComponent(t.headName ?? '')}&address=${encodeURIComponent(t.address ?? '')}&reason=${encodeURIComponent([...new Set(list.map((x) => reasonLabel(x.reason)).filter(Boolean))].join('；'))}`;
        return (
          <Card key={t.householdId} className={`task task-${colour(t)}`} onClick={() => void Taro.navigateTo({ url: `/pages-worker/visit/index?${q}` })}>
            <View className='task-head'>
              <Text className='task-kind'>{t.headName ? `${t.headName}家` : (KIND[t.kind] ?? t.kind)}</Text>
              <Text className='task-due'>{t.overdue || d < 0 ? `已超期 ${Math.abs(d)} 天` : d === 0 ? '今天到期' : `还剩 ${d} 天`}</Text>
            </View>
            {t.address ? <Text className='task-where'>{shortAddress(t.address)}</Text> : null}
            <Text
              className='link task-family'
              onClick={(e) => {
                e.stopPropagation();
                void Taro.navigateTo({ url: `/pages-worker/household/index?id=${t.householdId}` });
              }}
            >
              查看家庭详情 ›
            </Text>
            {list.map((x) => (
              <Text key={x.id} className='task-line'>
                · {KIND[x.kind] ?? x.kind}
                {x.reason && reasonLabel(x.reason) !== (KIND[x.kind] ?? x.kind) ? `：${reasonLabel(x.reason)}` : ''}（{x.statusLabel}，期限{' '}
                {x.dueDate.slice(5, 10)}）
              </Text>
            ))}
          </Card>
        );
      })}
      {queuedTasks.length ? <Text className='section-title'>已核实，等待上传</Text> : null}
      {queuedTasks.map((t) => (
        <Card key={t.id} className='task task-queued'>
          <Text className='task-kind'>{t.headName ? `${t.headName}家` : KIND[t.kind]}</Text>
          <Text className='task-line'>核实记录已保存在手机上，联网后自动上传</Text>
        </Card>
      ))}
      <View className='spacer' />
    </Screen>
  );
}
