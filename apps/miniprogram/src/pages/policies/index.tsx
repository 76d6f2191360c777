import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { POLICY_GROUPS, type PolicyGroup } from '@zczr/eligibility';
import { api } from '../../services/api';
import { errorMessage } from '../../services/request';
import { POLICY_GROUP_LABELS } from '@zczr/contract';
import type { PolicySummary } from '../../services/types';
import { Card, Empty, ErrorBox, Loading, Screen } from '../../components/ui';

export default function Policies() {
  const [group, setGroup] = useState<PolicyGroup | ''>('');
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('');
  const [list, setList] = useState<PolicySummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = () => {
    setList(null);
    setError(null);
    api
      .policies({ group: group || undefined, q: query || undefined })
      .then(setList)
      .catch((e: unknown) => setError(errorMessage(e)));
  };
  useEffect(load, [group, query]);

  return (
    <Screen title='政策法规'>
      <View className='search'>
        <Input
          className='search-input'
          value={q}
          placeholder='说说您的难处，如：看病、上学、租房'
          confirmType='search'
          onInput={(e) => setQ(e.detail.value)}
          onConfirm={() => setQuery(q.trim())}
        />
        <Text className='search-btn' onClick={() => setQuery(q.trim())}>
          搜索
        </Text>
      </View>
      <View className='chips chips-scroll'>
        <View className={`chip${group === '' ? ' chip-on' : ''}`} onClick={() => setGroup('')}>
          <Text>全部</Text>
        </View>
        {POLICY_GROUPS.map((g) => (
          <View key={g} className={`chip${group === g ? ' chip-on' : ''}`} onClick={() => setGroup(g)}>
            <Text>{POLICY_GROUP_LABELS[g]}</Text>
          </View>
        ))}
      </View>
      {error ? <ErrorBox message={error} onRetry={load} /> : null}
      {!list && !error ? <Loading /> : null}
      {list && list.length === 0 ? <Empty text={query ? `没有找到与“${query}”有关的政策，换个词试试` : '这一类暂时没有政策'} /> : null}
      {list?.map((p) => (
        <Card key={p.code} className='policy-item' onClick={() => void Taro.navigateTo({ url: `/pages/policy/index?code=${p.code}` })}>
          <View className='policy-head'>
            <Text className='policy-name'>{p.name}</Text>
            <Text className='tag'>{POLICY_GROUP_LABELS[p.group] ?? p.group}</Text>
          </View>
          <Text className='policy-benefit'>{p.benefit}</Text>
          <Text className='muted'>主管部门：{p.department}</Text>
        </Card>
      ))}
    </Screen>
  );
}
