import { useState } from 'react';
import { Alert, Collapse, Descriptions, Empty, Radio, Space, Tag, Typography } from 'antd';
import { FACT_CATALOGUE, isFactName } from '@zczr/eligibility';
import { ConditionTree } from '../../shared/ConditionTree';
import { formatMoney } from '../../shared/labels';
import { OUTCOME_LABELS, type HouseholdEligibility, type PolicyMatch as PolicyResult, type PolicyOutcome } from '@zczr/contract';

/** antd Tag colours of the outcomes (the words are the contract's OUTCOME_LABELS). */
const OUTCOME_COLOURS: Record<PolicyOutcome, string | undefined> = { eligible: 'success', ineligible: undefined, unknown: 'warning' };
const ORDER = { eligible: 0, unknown: 1, ineligible: 2 } as const;

const factLabel = (f: string): string => (isFactName(f) ? FACT_CATALOGUE[f].label : f);

function ResultBody({ r }: { r: PolicyResult }) {
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Paragraph style={{ marginBottom: 0 }}>{r.summary}</Typography.Paragraph>
      {r.nearMiss && <Alert type="info" showIcon title={`差一点符合：${r.nearMiss.text}`} />}
      {r.outcome === 'unknown' && r.missingFacts.length > 0 && (
        <Alert type="warning" showIcon title="还需核实以下信息才能判断" description={r.missingFacts.map(factLabel).join('、')} />
      )}
      <ConditionTree explanation={r.explanation} />
      <Descriptions size="small" column={1} bordered>
        {r.benefit && (
          <Descriptions.Item label={r.benefit.provisional ? '预计救助金额' : '测算救助金额'}>
            {formatMoney(r.benefit.amount, r.benefit.unit)}（{r.benefit.label}）
            {r.benefit.topUps.map((t) => (
              <div key={t.label}>
                + {t.label}：{formatMoney(t.amount)}
              </div>
            ))}
          </Descriptions.Item>
        )}
        <Descriptions.Item label="救助内容">{r.benefitDescription}</Descriptions.Item>
        <Descriptions.Item label="主管部门">{r.department}</Descriptions.Item>
        <Descriptions.Item label="所需材料">{r.requiredDocuments.join('、') || '—'}</Descriptions.Item>
        {r.policyVersion !== undefined && <Descriptions.Item label="政策版本">第 {r.policyVersion} 版</Descriptions.Item>}
      </Descriptions>
    </Space>
  );
}

/** Every policy's result for the household, eligible first, each with its explanation. */
export function EligibilityPanel({ data }: { data: HouseholdEligibility }) {
  const [showAll, setShowAll] = useState(false);
  const sorted = [...data.results].sort((a, b) => ORDER[a.outcome] - ORDER[b.outcome] || Number(!!b.nearMiss) - Number(!!a.nearMiss));
  if (sorted.length === 0) return <Empty description="暂无政策匹配结果" />;
  const counts = { eligible: 0, unknown: 0, ineligible: 0 };
  for (const r of sorted) counts[r.outcome] += 1;
  // Plainly ineligible policies (no near miss) are many and rarely interesting: shown on request.
  const results = showAll ? sorted : sorted.filter((r) => r.outcome !== 'ineligible' || r.nearMiss);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="eligibility">
      <Typography.Text type="secondary">
        评估日期 {data.asOf}：符合 {counts.eligible} 项，信息不全 {counts.unknown} 项，不符合 {counts.ineligible}{' '}
        项。自动匹配结果仅供参考，须由工作人员审核认定。
      </Typography.Text>
      <Radio.Group
        value={showAll}
        onChange={(e) => setShowAll(e.target.value as boolean)}
        optionType="button"
        size="small"
        options={[
          { value: false, label: '符合、待核实与差一点符合' },
          { value: true, label: `全部 ${sorted.length} 项政策` },
        ]}
      />
      {results.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="该户暂无符合或接近符合的政策" />}
      <Collapse
        items={results.map((r) => ({
          key: r.policyCode,
          label: (
            <Space wrap>
              <Tag color={OUTCOME_COLOURS[r.outcome]}>{OUTCOME_LABELS[r.outcome]}</Tag>
              <Typography.Text strong>{r.policyName}</Typography.Text>
              {r.benefit && r.outcome !== 'ineligible' && <Typography.Text type="secondary">{formatMoney(r.benefit.amount, r.benefit.unit)}</Typography.Text>}
              {r.nearMiss && <Tag color="blue">差一点符合</Tag>}
            </Space>
          ),
          children: <ResultBody r={r} />,
        }))}
        defaultActiveKey={results
          .filter((r) => r.outcome === 'eligible')
          .slice(0, 1)
          .map((r) => r.policyCode)}
      />
    </Space>
  );
}
