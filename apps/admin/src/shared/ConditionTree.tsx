import { Tree, Typography } from 'antd';
import type { TreeDataNode } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, QuestionCircleFilled } from '@ant-design/icons';
import { FACT_CATALOGUE, type ConditionResult, type FactValue } from '@zczr/eligibility';
import { COMBINATOR_LABELS, COMPARE_OP_LABELS } from '@zczr/contract';

export function formatFact(value: FactValue | null | undefined, unit?: string): string {
  if (value === null || value === undefined) return '未知';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'number')
    return `${Number.isInteger(value) ? value.toLocaleString('zh-CN') : value.toLocaleString('zh-CN', { maximumFractionDigits: 2 })}${unit ? ` ${unit}` : ''}`;
  if (Array.isArray(value)) return value.length ? value.join('、') : '（无）';
  return String(value);
}

const ICONS = {
  true: <CheckCircleFilled style={{ color: '#52c41a' }} />,
  false: <CloseCircleFilled style={{ color: '#ff4d4f' }} />,
  unknown: <QuestionCircleFilled style={{ color: '#faad14' }} />,
} as const;

function toNode(c: ConditionResult, key: string): TreeDataNode {
  const info = c.fact ? FACT_CATALOGUE[c.fact] : undefined;
  const leaf = c.fact !== undefined;
  const title = (
    <span>
      {ICONS[c.outcome]} <Typography.Text strong={!leaf}>{c.label}</Typography.Text>
      {!leaf && c.combinator && <Typography.Text type="secondary">（{COMBINATOR_LABELS[c.combinator]}）</Typography.Text>}
      {leaf && (
        <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
          实际：<Typography.Text type={c.outcome === 'unknown' ? 'warning' : undefined}>{formatFact(c.actual, info?.unit)}</Typography.Text>
          {'　'}要求：{c.op && COMPARE_OP_LABELS[c.op]} {formatFact(c.required, info?.unit)}
          {c.missingParam ? '（该地区未配置此参数）' : ''}
        </Typography.Text>
      )}
    </span>
  );
  return { key, title, children: c.children?.map((child, i) => toNode(child, `${key}-${i}`)) };
}

/** A policy's condition tree as evaluated for one household: each leaf with the actual against the required value. */
export function ConditionTree({ explanation }: { explanation: ConditionResult }) {
  const root = toNode(explanation, 'r');
  return <Tree treeData={[root]} defaultExpandAll selectable={false} showLine blockNode data-testid="condition-tree" />;
}
