import { useState } from 'react';
import Taro, { useLoad, useReachBottom } from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { HOUSEHOLD_STATUS_LABELS } from '@zczr/domain';
import { api } from '../../services/api';
import { errorMessage } from '../../services/request';
import type { HouseholdSummary } from '../../services/types';
import { Card, Empty, ErrorBox, Loading, Screen } from '../../components/ui';

export default function Households() {
  const [items, setItems] = useState<HouseholdSummary[] | null>(null);
  const [total, setTotal] = useState(0);
  const [page, setPage] = useState(1);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);

  const load = async (p: number, q: string) => {
    setError(null);
    try {
      const r = await api.households({ page: p, pageSize: 20, name: q || undefined });
      setItems((prev) => (p === 1 ? r.items : [...(prev ?? []), ...r.items]));
      setTotal(r.total);
      setPage(p);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  useLoad(() => void load(1, ''));
  useReachBottom(() => {
    if (items && items.length < total) void load(page + 1, name);
  });

  return (
    <Screen title='网格内家庭'>
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
        <Card key={h.id} className={`hh hh-${h.status}`} onClick={() => void Taro.showToast({ title: `${h.headName}家 ${h.memberCount}人`, icon: 'none' })}>
          <View className='policy-head'>
            <Text className='policy-name'>
              {h.headName} 家（{h.memberCount} 人）
            </Text>
            <Text className='tag'>{HOUSEHOLD_STATUS_LABELS[h.status]}</Text>
          </View>
          <Text className='muted'>{h.address}</Text>
          <Text className='muted'>网格 {h.gridId}</Text>
        </Card>
      ))}
    </Screen>
  );
}
