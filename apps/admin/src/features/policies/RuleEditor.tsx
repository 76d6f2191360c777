import { Button, Card, Input, InputNumber, Select, Space, Tag, Tooltip, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { COMPARE_OPS, FACT_CATALOGUE, FACT_NAMES, type CompareOp, type FactName, type Operand, type Rule } from '@zczr/eligibility';
import { COMPARE_OP_LABELS } from '@zczr/contract';
import { Link } from 'react-router';
import { parameterAmount } from '../../shared/labels';

type Combinator = 'all' | 'any' | 'not';
type Leaf = Extract<Rule, { fact: FactName }>;
type ValueMode = 'number' | 'param' | 'fact' | 'boolean' | 'text' | 'list';

export interface ParamOption {
  name: string;
  label: string;
  unit?: string;
  /** The amount in force for the district today (参数管理), when known. */
  current?: { value: number; regionName: string; effectiveFrom: string | null; asOf: string } | null;
}

const FACT_OPTIONS = FACT_NAMES.map((f) => ({ value: f, label: `${FACT_CATALOGUE[f].label}${FACT_CATALOGUE[f].unit ? `（${FACT_CATALOGUE[f].unit}）` : ''}` }));
const NUMERIC_OPS: CompareOp[] = ['lt', 'lte', 'gt', 'gte', 'eq', 'neq'];
const LIST_OPS: CompareOp[] = ['includes', 'excludes'];

function opsFor(fact: FactName): CompareOp[] {
  const kind = FACT_CATALOGUE[fact].kind;
  if (kind === 'number') return NUMERIC_OPS;
  if (kind === 'boolean') return ['eq', 'neq'];
  if (kind === 'list') return LIST_OPS;
  return COMPARE_OPS.filter((o) => o === 'eq' || o === 'neq' || o === 'in' || o === 'notIn');
}

function modeOf(v: Operand): ValueMode {
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'string') return 'text';
  if (Array.isArray(v)) return 'list';
  return 'param' in (v as object) ? 'param' : 'fact';
}

function defaultValue(fact: FactName, mode?: ValueMode, params?: ParamOption[]): Operand {
  const kind = FACT_CATALOGUE[fact].kind;
  const m = mode ?? (kind === 'boolean' ? 'boolean' : kind === 'list' ? 'text' : kind === 'string' ? 'text' : 'number');
  switch (m) {
    case 'boolean':
      return true;
    case 'param':
      return { param: params?.[0]?.name ?? '' };
    case 'fact':
      return { fact: 'householdSize' };
    case 'text':
      return '';
    case 'list':
      return [];
    case 'number':
      return 0;
  }
}

/** What a parameter amounts to in the district today, times the factor, with a link to 参数管理. */
function ParamAmount({ option, times }: { option: ParamOption | undefined; times: number }) {
  if (!option) return null;
  const c = option.current;
  const text = c
    ? `现行 ${parameterAmount(c.value, option.unit)}（${c.regionName}${c.effectiveFrom ? `，${c.effectiveFrom} 起` : ''}）${
        times !== 1 ? `，× ${times} = ${parameterAmount(Math.round(c.value * times * 100) / 100, option.unit)}` : ''
      }`
    : '本区未设置现行值';
  return (
    <Tooltip title={c ? `按 ${c.asOf} 本区适用的取值；点击查看参数管理` : '点击查看参数管理'}>
      <Link to="/parameters" style={{ whiteSpace: 'nowrap' }} data-testid="param-amount">
        {text}
      </Link>
    </Tooltip>
  );
}

function ValueEditor({ leaf, params, onChange }: { leaf: Leaf; params: ParamOption[]; onChange: (v: Operand) => void }) {
  const kind = FACT_CATALOGUE[leaf.fact].kind;
  const mode = modeOf(leaf.value);
  const modes: Array<{ value: ValueMode; label: string }> =
    kind === 'number'
      ? [
          { value: 'number', label: '数值' },
          { value: 'param', label: '政策参数' },
          { value: 'fact', label: '另一事实' },
        ]
      : kind === 'boolean'
        ? [{ value: 'boolean', label: '是/否' }]
        : kind === 'list'
          ? [{ value: 'text', label: '取值' }]
          : [
              { value: 'text', label: '文本' },
              { value: 'list', label: '多个取值' },
            ];
  const v = leaf.value;
  return (
    <Space size={4} wrap>
      <Space.Compact>
        {modes.length > 1 && (
          <Select<ValueMode>
            value={mode}
            style={{ width: 104 }}
            options={modes}
            onChange={(m) => onChange(defaultValue(leaf.fact, m, params))}
            aria-label="取值方式"
          />
        )}
        {mode === 'number' && (
          <InputNumber
            value={v as number}
            onChange={(n) => onChange(n ?? 0)}
            style={{ width: 140 }}
            addonAfter={FACT_CATALOGUE[leaf.fact].unit}
            aria-label="数值"
          />
        )}
        {mode === 'boolean' && (
          <Select
            value={v as boolean}
            style={{ width: 90 }}
            options={[
              { value: true, label: '是' },
              { value: false, label: '否' },
            ]}
            onChange={onChange}
          />
        )}
        {mode === 'text' && <Input value={v as string} style={{ width: 180 }} onChange={(e) => onChange(e.target.value)} />}
        {mode === 'list' && (
          <Select mode="tags" value={[...(v as readonly string[])]} style={{ minWidth: 200 }} onChange={(vals: string[]) => onChange(vals)} />
        )}
        {mode === 'param' && (
          <>
            <Select
              value={(v as { param: string }).param}
              style={{ width: 220 }}
              showSearch={{ optionFilterProp: 'label' }}
              options={params.map((p) => ({ value: p.name, label: p.label }))}
              onChange={(name: string) => onChange({ ...(v as { param: string; times?: number }), param: name })}
              aria-label="参数"
            />
            <InputNumber
              value={(v as { times?: number }).times ?? 1}
              step={0.1}
              min={0}
              style={{ width: 96 }}
              prefix="×"
              onChange={(t) => onChange({ param: (v as { param: string }).param, ...(t !== null && t !== 1 ? { times: t } : {}) })}
              aria-label="倍数"
            />
          </>
        )}
        {mode === 'fact' && (
          <>
            <Select
              value={(v as { fact: FactName }).fact}
              style={{ width: 220 }}
              showSearch={{ optionFilterProp: 'label' }}
              options={FACT_OPTIONS.filter((o) => FACT_CATALOGUE[o.value].kind === 'number')}
              onChange={(f: FactName) => onChange({ ...(v as { fact: FactName; times?: number }), fact: f })}
            />
            <InputNumber
              value={(v as { times?: number }).times ?? 1}
              step={0.1}
              min={0}
              style={{ width: 96 }}
              prefix="×"
              onChange={(t) => onChange({ fact: (v as { fact: FactName }).fact, ...(t !== null && t !== 1 ? { times: t } : {}) })}
            />
          </>
        )}
      </Space.Compact>
      {mode === 'param' && <ParamAmount option={params.find((p) => p.name === (v as { param: string }).param)} times={(v as { times?: number }).times ?? 1} />}
    </Space>
  );
}

function childrenOf(r: Rule): Rule[] {
  if ('all' in r) return r.all;
  if ('any' in r) return r.any;
  if ('not' in r) return [r.not];
  return [];
}

function withChildren(r: Rule, combinator: Combinator, children: Rule[]): Rule {
  const base = { label: r.label, ...(r.id ? { id: r.id } : {}) };
  if (combinator === 'not') return { ...base, not: children[0] ?? newLeaf() };
  return combinator === 'all' ? { ...base, all: children } : { ...base, any: children };
}

export function newLeaf(): Rule {
  return { label: '新条件', fact: 'perCapitaIncome', op: 'lt', value: 0 };
}

const COMBINATOR_OPTIONS = [
  { value: 'all', label: '全部满足（且）' },
  { value: 'any', label: '任一满足（或）' },
  { value: 'not', label: '不成立（非）' },
];

/**
 * The structured rule editor: groups (all / any / not) and comparisons of a fact from the catalogue
 * against a number, a policy parameter (× factor) or another fact; every node keeps its Chinese label.
 */
export function RuleEditor({
  rule,
  params,
  onChange,
  onRemove,
  depth = 0,
}: {
  rule: Rule;
  params: ParamOption[];
  onChange: (r: Rule) => void;
  onRemove?: () => void;
  depth?: number;
}) {
  const remove = onRemove && (
    <Tooltip title="删除此项">
      <Button type="text" danger size="small" icon={<DeleteOutlined />} onClick={onRemove} aria-label="删除" />
    </Tooltip>
  );
  const labelInput = (
    <Input
      value={rule.label}
      onChange={(e) => onChange({ ...rule, label: e.target.value })}
      placeholder="说明（用于解释结果）"
      style={{ minWidth: 240, flex: 1 }}
      aria-label="条件说明"
    />
  );

  if ('fact' in rule) {
    const leaf = rule;
    const ops = opsFor(leaf.fact);
    return (
      <div
        style={{ display: 'flex', flexDirection: 'column', gap: 6, padding: 8, border: '1px solid #f0f0f0', borderRadius: 6, background: '#fff' }}
        data-testid="rule-leaf"
      >
        <div style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
          <Tag color="blue" style={{ marginInlineEnd: 0 }}>
            条件
          </Tag>
          {labelInput}
          {remove}
        </div>
        <Space wrap size={6}>
          <Select<FactName>
            value={leaf.fact}
            style={{ width: 280 }}
            showSearch={{ optionFilterProp: 'label' }}
            options={FACT_OPTIONS}
            aria-label="事实"
            onChange={(f) =>
              onChange({ label: leaf.label, ...(leaf.id ? { id: leaf.id } : {}), fact: f, op: opsFor(f)[0]!, value: defaultValue(f, undefined, params) })
            }
          />
          <Select<CompareOp>
            value={leaf.op}
            style={{ width: 96 }}
            options={ops.map((o) => ({ value: o, label: COMPARE_OP_LABELS[o] }))}
            onChange={(op) => onChange({ ...leaf, op })}
            aria-label="比较"
          />
          <ValueEditor leaf={leaf} params={params} onChange={(value) => onChange({ ...leaf, value })} />
        </Space>
      </div>
    );
  }

  const combinator: Combinator = 'all' in rule ? 'all' : 'any' in rule ? 'any' : 'not';
  const kids = childrenOf(rule);
  const setKid = (i: number, r: Rule) =>
    onChange(
      withChildren(
        rule,
        combinator,
        kids.map((k, j) => (j === i ? r : k)),
      ),
    );
  const removeKid = (i: number) =>
    onChange(
      withChildren(
        rule,
        combinator,
        kids.filter((_, j) => j !== i),
      ),
    );
  return (
    <Card
      size="small"
      style={{ background: depth % 2 === 0 ? '#fafcff' : '#fff', borderColor: '#d6e4ff' }}
      styles={{ body: { display: 'flex', flexDirection: 'column', gap: 8 } }}
      title={
        <div style={{ display: 'flex', gap: 8, alignItems: 'center', fontWeight: 'normal' }}>
          <Select<Combinator>
            value={combinator}
            style={{ width: 150 }}
            options={COMBINATOR_OPTIONS}
            aria-label="组合方式"
            onChange={(c) => onChange(withChildren(rule, c, c === 'not' ? kids.slice(0, 1) : kids))}
          />
          {labelInput}
          {remove}
        </div>
      }
      data-testid="rule-group"
    >
      {kids.map((k, i) => (
        <RuleEditor
          key={i}
          rule={k}
          params={params}
          depth={depth + 1}
          onChange={(r) => setKid(i, r)}
          onRemove={combinator === 'not' || kids.length <= 1 ? undefined : () => removeKid(i)}
        />
      ))}
      {combinator !== 'not' && (
        <Space>
          <Button size="small" icon={<PlusOutlined />} onClick={() => onChange(withChildren(rule, combinator, [...kids, newLeaf()]))}>
            添加条件
          </Button>
          <Button
            size="small"
            icon={<PlusOutlined />}
            onClick={() => onChange(withChildren(rule, combinator, [...kids, { label: '新条件组', all: [newLeaf()] }]))}
          >
            添加条件组
          </Button>
        </Space>
      )}
      {kids.length === 0 && <Typography.Text type="warning">条件组为空：请添加条件</Typography.Text>}
    </Card>
  );
}
