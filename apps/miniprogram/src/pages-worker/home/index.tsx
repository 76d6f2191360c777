import { useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { api } from '../../services/api';
import { ApiError, errorMessage } from '../../services/request';
import { readStored, writeStored } from '../../services/storage';
import type { Task } from '../../services/types';
import { Btn, Card, Empty, ErrorBox, Loading, Notice, Screen } from '../../components/ui';
import { OutboxPanel, useOutbox } from '../lib/outbox-panel';

const TASKS_KEY = 'zczr.worker.tasks';
const KIND: Record<Task['kind'], string> = { warning: '预警核实', home_visit: '入户核实', recheck: '定期复核' };

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
      writeStored(TASKS_KEY, { items: merged, cursor: page.cursor });
      setTasks(merged);
      setTasksNote(null);
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) setTasksNote('任务功能暂未开通');
      else if (e instanceof ApiError && e.offline) setTasksNote('网络不通，显示的是上次同步的任务');
      else setError(errorMessage(e));
      if (!tasks) setTasks([]);
    } finally {
      Taro.stopPullDownRefresh();
    }
  };
  useDidShow(() => void load());
  usePullDownRefresh(() => void load());

  const open = (tasks ?? []).filter((t) => t.status !== 'accepted' && t.status !== 'closed' && t.status !== 'submitted');
  open.sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0));

  return (
    <Screen title='网格员工作台'>
      <OutboxPanel items={items} onSync={syncNow} onChanged={refresh} lastError={lastError} />
      <View className='nav-buttons'>
        <Btn onClick={() => void Taro.navigateTo({ url: '/pages-worker/collect/index' })}>＋ 入户采集新家庭</Btn>
        <Btn kind='ghost' onClick={() => void Taro.navigateTo({ url: '/pages-worker/households/index' })}>
          网格内家庭
        </Btn>
      </View>
      <Text className='section-title'>我的任务（按期限排序）</Text>
      {tasksNote ? <Notice kind='warn'>{tasksNote}</Notice> : null}
      {error ? <ErrorBox message={error} onRetry={() => void load()} /> : null}
      {!tasks && !error ? <Loading /> : null}
      {tasks && open.length === 0 ? <Empty text='今天没有待办任务' /> : null}
      {open.map((t) => {
        const d = daysLeft(t.dueDate);
        return (
          <Card key={t.id} className={`task task-${colour(t)}`} onClick={() => void Taro.navigateTo({ url: `/pages-worker/visit/index?id=${t.id}&householdId=${t.householdId}&status=${t.status}` })}>
            <View className='task-head'>
              <Text className='task-kind'>{KIND[t.kind] ?? t.kind}</Text>
              <Text className='task-due'>{t.overdue || d < 0 ? `已超期 ${Math.abs(d)} 天` : d === 0 ? '今天到期' : `还剩 ${d} 天`}</Text>
            </View>
            {t.headName || t.address ? (
              <Text className='task-where'>
                {t.headName ? `${t.headName}家` : ''}
                {t.address ? ` · ${t.address}` : ''}
              </Text>
            ) : null}
            <Text className='muted'>
              {t.statusLabel} · 期限 {t.dueDate.slice(0, 10)}
              {t.escalationLabel && t.escalationLabel !== '无' ? ` · ${t.escalationLabel}` : ''}
            </Text>
          </Card>
        );
      })}
      <View className='spacer' />
    </Screen>
  );
}
