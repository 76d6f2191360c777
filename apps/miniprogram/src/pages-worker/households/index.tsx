import { useState } from 'react';
import Taro, { useLoad, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { HOUSEHOLD_STATUS_LABELS } from '@zczr/domain';
import { RISK_COLOUR_NAMES } from '@zczr/contract';
import { api } from '../../services/api';
import { ApiError, errorMessage } from '../../services/request';
import type { HouseholdSummary } from '../../services/types';
import { Card, Empty, ErrorBox, Loading, Notice, Screen } from '../../components/ui';
import { shortAddress } from '../lib/words';
import { HOUSEHOLDS_KEY, offlineBanner, readCache, useReconnect, writeCache } from '../lib/offline';

const PAGE_SIZE = 50;

interface Listed {
  items: HouseholdSummary[];
  total: number;
}

export default function Households() {
  // The grid's list as last fetched: shown at once, replaced when the API answers.
  const cached = readCache<Listed>(HOUSEHOLDS_KEY);
  const [items, setItems] = useState<HouseholdSummary[] | null>(cached?.data.items ?? null);
  const [total, setTotal] = useState(cached?.data.total ?? 0);
  const [page, setPage] = useState(1);
  const [name, setName] = useState('');
  const [staleAt, setStaleAt] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = async (p: number, q: string) => {
    setError(null);
    try {
      const r = await api.households({ page: p, pageSize: PAGE_SIZE, name: q || undefined });
      const next = p === 1 ? r.items : [...(items ?? []), ...r.items];
      setItems(next);
      setTotal(r.total);
      setPage(p);
      setStaleAt(null);
      // The unfiltered list is the grid: kept for the doorstep without network.
      if (!q) writeCache(HOUSEHOLDS_KEY, { items: next, total: r.total } satisfies Listed);
    } catch (e) {
      const kept = readCache<Listed>(HOUSEHOLDS_KEY);
      if (e instanceof ApiError && e.offline && kept) {
        // Offline: the kept list, filtered here by the head's name as the API would.
        const shown = q ? kept.data.items.filter((h) => h.headName.startsWith(q)) : kept.data.items;
        setItems(shown);
        setTotal(q ? shown.length : kept.data.total);
        setStaleAt(kept.at);
      } else setError(errorMessage(e));
    } finally {
      Taro.stopPullDownRefresh();
    }
  };
  useLoad(() => void load(1, ''));
  usePullDownRefresh(() => void load(1, name.trim()));
  useReachBottom(() => {
    if (items && items.length < total && staleAt === null) void load(page + 1, name);
  });
  // Back online: the list is fetched again and the offline banner goes.
  useReconnect(() => void load(1, name.trim()));

  return (
    <Screen title='网格内家庭'>
      {staleAt !== null ? <Notice kind='warn'>{offlineBanner(staleAt)}</Notice> : null}
      <View className='search'>
        <Input
          className='search-input'
          value={name}
          placeholder='按户主姓名查找'
          confirmType='search'
          onInput={(e) => setName(e.detail.value)}
          onConfirm={() => void load(1, name.trim())}
        />
        <Text className='search-btn' onClick={() => void load(1, name.trim())}>
          查找
        </Text>
      </View>
      {error ? <ErrorBox message={error} onRetry={() => void load(1, name)} /> : null}
      {!items && !error ? <Loading /> : null}
      {items && items.length === 0 ? <Empty text='没有找到家庭' /> : null}
      {items ? <Text className='muted'>共 {total} 户</Text> : null}
      {items?.map((h) => (
        <Card
          key={h.id}
          className={`hh hh-${h.status} task task-${h.riskColour ?? 'blue'}`}
          onClick={() => void Taro.navigateTo({ url: `/pages-worker/household/index?id=${h.id}${h.riskColour ? `&colour=${h.riskColour}` : ''}` })}
        >
          <View className='policy-head'>
            <Text className='policy-name'>
              {h.headName} 家（{h.memberCount} 人）
            </Text>
            <Text className='tag'>{HOUSEHOLD_STATUS_LABELS[h.status]}</Text>
          </View>
          <Text className='muted'>{shortAddress(h.address)}</Text>
          {h.riskColour ? <Text className='muted'>风险：{RISK_COLOUR_NAMES[h.riskColour]}</Text> : null}
        </Card>
      ))}
    </Screen>
  );
}
