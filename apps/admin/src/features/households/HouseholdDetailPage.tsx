import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, Breadcrumb, Card, Descriptions, Empty, Progress, Radio, Result, Space, Spin, Table, Tabs, Tag, Typography } from 'antd';
import { useEndpoint } from '../../shared/useEndpoint';
import { DiffTable } from '../../shared/DiffTable';
import { AttachmentsViewer } from '../../shared/AttachmentsViewer';
import { ConsentCard } from '../../shared/ConsentCard';
import { formatDateTime, formatMoney, householdStatusLabel, RISK_TAG_COLOURS, roleLabel } from '../../shared/labels';
import {
  ASSET_TYPE_LABELS,
  CIRCLE_LABELS,
  DISABILITY_CATEGORY_LABELS,
  EDUCATION_LABELS,
  EMPLOYMENT_LABELS,
  ENDPOINTS,
  EXPENSE_TYPE_LABELS,
  HARDSHIP_TYPE_LABELS,
  INCOME_TYPE_LABELS,
  DECISION_LABELS,
  LABOUR_CAPACITY_LABELS,
  labelOf,
  RELATION_LABELS,
  REVISION_SOURCE_LABELS,
  RISK_COLOUR_LABELS,
  RISK_INDICATOR_LABELS,
  SELF_CARE_LEVEL_LABELS,
  SEX_LABELS,
  TASK_KIND_LABELS,
  TASK_STATUS_LABELS,
  UNSCORED_LABEL,
  WARNING_STATUS_LABELS,
  type HouseholdAuditEntry as AuditTrailEntry,
  type HouseholdView as Household,
  type MemberView as Member,
  type Revision,
  type TaskView as Task,
  type WarningView as Warning,
} from '@zczr/contract';
import { EligibilityPanel } from './EligibilityPanel';
import { SupportersPanel } from './SupportersPanel';
import { RevealControl } from './RevealControl';
import { useRegions } from './useRegions';
import { PrintNoticeButton, PrintSurveyButton } from '../../shared/PrintFormButton';
import { ObjectionButton } from './ObjectionButton';

function MembersTable({ members }: { members: Member[] }) {
  return (
    <Table<Member>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={members}
      scroll={{ x: 1000 }}
      columns={[
        { title: '关系', dataIndex: 'relation', width: 80, render: (v: string) => labelOf(RELATION_LABELS, v) },
        { title: '姓名', dataIndex: 'name', width: 80 },
        { title: '身份证号', dataIndex: 'idNumber', width: 180 },
        { title: '性别', dataIndex: 'sex', width: 56, render: (v: string) => labelOf(SEX_LABELS, v) },
        { title: '年龄', dataIndex: 'age', width: 56 },
        { title: '文化程度', dataIndex: 'education', width: 90, render: (v: string | null) => labelOf(EDUCATION_LABELS, v) },
        { title: '就业', dataIndex: 'employment', width: 90, render: (v: string | null) => labelOf(EMPLOYMENT_LABELS, v) },
        { title: '劳动能力', dataIndex: 'labourCapacity', width: 120, render: (v: string | null) => labelOf(LABOUR_CAPACITY_LABELS, v) },
        {
          title: '健康 / 残疾',
          width: 180,
          render: (_, m) => (
            <Space size={2} wrap>
              {m.health?.seriousIllness && <Tag color="red">重特大疾病</Tag>}
              {m.health?.chronicIllness && <Tag color="orange">慢性病</Tag>}
              {m.disability && (
                <Tag color="purple">
                  {labelOf(DISABILITY_CATEGORY_LABELS, String(m.disability.category))} {m.disability.grade} 级
                </Tag>
              )}
              {!m.health?.seriousIllness && !m.health?.chronicIllness && !m.disability && <Typography.Text type="secondary">—</Typography.Text>}
            </Space>
          ),
        },
        { title: '自理能力', dataIndex: 'selfCareLevel', width: 130, render: (v: string | null) => labelOf(SELF_CARE_LEVEL_LABELS, v) },
        { title: '联系电话', dataIndex: 'phone', width: 130, render: (v: string | null) => v ?? '—' },
        { title: '共同生活', dataIndex: 'coResident', width: 80, render: (v: boolean) => (v ? '是' : '否') },
      ]}
    />
  );
}

function EconomicsPanel({ h }: { h: Household }) {
  const memberName = (i?: number) => (i === undefined ? '家庭' : (h.members[i]?.name ?? `成员${i + 1}`));
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small" title="收入（月）">
        <Table
          size="small"
          pagination={false}
          rowKey={(_, i) => String(i)}
          dataSource={h.incomes}
          locale={{ emptyText: '未填写家庭收入' }}
          columns={[
            { title: '类型', dataIndex: 'type', render: (v: string) => labelOf(INCOME_TYPE_LABELS, v) },
            { title: '成员', dataIndex: 'memberIndex', render: memberName },
            { title: '金额', dataIndex: 'monthlyAmount', align: 'right', render: (v: number) => formatMoney(v) },
            { title: '备注', dataIndex: 'note' },
          ]}
        />
      </Card>
      <Card size="small" title="财产">
        <Table
          size="small"
          pagination={false}
          rowKey={(_, i) => String(i)}
          dataSource={h.assets}
          locale={{ emptyText: '未填写家庭财产' }}
          columns={[
            { title: '类型', dataIndex: 'type', render: (v: string) => labelOf(ASSET_TYPE_LABELS, v) },
            { title: '价值', dataIndex: 'value', align: 'right', render: (v?: number) => formatMoney(v) },
            { title: '面积', dataIndex: 'area', render: (v?: number) => (v ? `${v} ㎡` : '—') },
            { title: '备注', dataIndex: 'note' },
          ]}
        />
      </Card>
      <Card size="small" title="刚性支出（近 12 个月）与突发困难">
        <Table
          size="small"
          pagination={false}
          rowKey={(_, i) => `e${i}`}
          dataSource={h.expenses}
          locale={{ emptyText: '无刚性支出' }}
          columns={[
            { title: '支出类型', dataIndex: 'type', render: (v: string) => labelOf(EXPENSE_TYPE_LABELS, v) },
            { title: '金额', dataIndex: 'amount12m', align: 'right', render: (v: number) => formatMoney(v) },
            { title: '备注', dataIndex: 'note' },
          ]}
        />
        <Table
          size="small"
          pagination={false}
          rowKey={(_, i) => `h${i}`}
          dataSource={h.hardships}
          locale={{ emptyText: '无突发困难' }}
          style={{ marginTop: 12 }}
          columns={[
            { title: '突发困难', dataIndex: 'type', render: (v: string) => labelOf(HARDSHIP_TYPE_LABELS, v) },
            { title: '发生日期', dataIndex: 'occurredOn' },
            { title: '损失', dataIndex: 'loss', align: 'right', render: (v?: number) => formatMoney(v) },
            { title: '备注', dataIndex: 'note' },
          ]}
        />
      </Card>
      <Card size="small" title="正在享受的救助">
        {h.benefits.length ? (
          h.benefits.map((b) => (
            <Tag key={b.policyCode} color="blue">
              {b.policyCode} · 自 {b.since}
              {b.monthlyAmount ? ` · ${formatMoney(b.monthlyAmount)}/月` : ''}
            </Tag>
          ))
        ) : (
          <Typography.Text type="secondary">无</Typography.Text>
        )}
      </Card>
    </Space>
  );
}

function AuditTrail({ householdId }: { householdId: string }) {
  const [only, setOnly] = useState<'reads' | 'all'>('reads');
  const [page, setPage] = useState(1);
  const trail = useEndpoint(ENDPOINTS.households.auditTrail, { params: { id: householdId }, query: { only, page, pageSize: 20 } });
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space>
        <Radio.Group
          value={only}
          onChange={(e) => {
            setOnly(e.target.value as 'reads' | 'all');
            setPage(1);
          }}
          optionType="button"
          size="small"
          options={[
            { value: 'reads', label: '查阅记录' },
            { value: 'all', label: '全部操作' },
          ]}
        />
        <Typography.Text type="secondary">本次查看也会记入审计日志。</Typography.Text>
      </Space>
      {trail.error && <Alert type="error" showIcon title={trail.error.message} />}
      <Table<AuditTrailEntry>
        rowKey="id"
        size="small"
        loading={trail.loading}
        dataSource={trail.data?.items ?? []}
        data-testid="audit-trail"
        pagination={{ current: page, pageSize: 20, total: trail.data?.total ?? 0, onChange: setPage, showTotal: (t) => `共 ${t} 条` }}
        columns={[
          { title: '时间', dataIndex: 'at', width: 160, render: (v: string) => formatDateTime(v) },
          { title: '操作人', dataIndex: 'actorName', width: 160 },
          { title: '角色', dataIndex: 'actorRole', width: 120 },
          { title: '操作', dataIndex: 'actionLabel', render: (v: string, r) => (r.read ? <Tag color="blue">{v}</Tag> : <Tag color="green">{v}</Tag>) },
          { title: 'IP', dataIndex: 'ip', width: 130, render: (v: string | null) => v ?? '—' },
        ]}
      />
    </Space>
  );
}

/** One household: members, economics, legal supporters, eligibility with explanations, warnings, tasks, revisions, who viewed it. */
export default function HouseholdDetailPage() {
  const { id = '' } = useParams();
  const regions = useRegions();
  const [tab, setTab] = useState('members');
  // Masked until the reviewer asks for the full data with a reason (查看完整, audited).
  const household = useEndpoint(ENDPOINTS.households.get, { params: { id }, query: { view: 'masked' } });
  const [full, setFull] = useState<Household | null>(null);
  const risk = useEndpoint(ENDPOINTS.households.risk, { params: { id } });
  const eligibility = useEndpoint(ENDPOINTS.households.eligibility, tab === 'eligibility' ? { params: { id } } : null);
  const revisions = useEndpoint(ENDPOINTS.households.revisions, tab === 'revisions' ? { params: { id } } : null);
  const warnings = useEndpoint(ENDPOINTS.warnings.list, tab === 'warnings' ? { query: { householdId: id, pageSize: 100 } } : null);
  const tasks = useEndpoint(ENDPOINTS.tasks.list, tab === 'tasks' ? { query: { householdId: id, pageSize: 100 } } : null);

  if (household.error) {
    return (
      <Result
        status={household.error.status === 404 ? '404' : 'error'}
        title={household.error.status === 404 ? '档案不存在或不在您的管辖范围内' : '加载失败'}
        subTitle={household.error.message}
        extra={<Link to="/households">返回家庭档案</Link>}
      />
    );
  }
  const h = full?.id === id ? full : household.data;
  if (!h)
    return (
      <Spin description="加载中…">
        <div style={{ height: 240 }} />
      </Spin>
    );
  const r = risk.data;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Breadcrumb items={[{ title: <Link to="/households">家庭档案</Link> }, { title: `${h.headName}户` }]} />
      <Card
        size="small"
        title={
          <Space>
            <span data-testid="household-title">{h.headName}户</span>
            <Tag>{householdStatusLabel(h.status)}</Tag>
            {h.masked && <Tag color="default">敏感信息已脱敏</Tag>}
          </Space>
        }
        extra={
          <Space>
            <RevealControl householdId={id} revealed={!h.masked} onRevealed={setFull} onHide={() => setFull(null)} />
            <PrintSurveyButton householdId={h.id} />
          </Space>
        }
      >
        {h.pendingSubmissionId && (
          <Alert type="info" showIcon style={{ marginBottom: 12 }} title="该户有一条待审核的变更申请" action={<Link to="/review">去审核</Link>} />
        )}
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 4 }}>
          <Descriptions.Item label="住址" span={2}>
            {h.address}
          </Descriptions.Item>
          <Descriptions.Item label="街道 / 社区">
            {regions.nameOf(h.streetCode)} / {regions.nameOf(h.communityCode)}
          </Descriptions.Item>
          <Descriptions.Item label="网格">{h.gridId}</Descriptions.Item>
          <Descriptions.Item label="共同生活人数">
            {h.members.filter((m) => m.coResident).length} 人（登记 {h.members.length} 人）
          </Descriptions.Item>
          <Descriptions.Item label="档案版本">
            第 {h.version} 版 · {formatDateTime(h.updatedAt)}
          </Descriptions.Item>
          <Descriptions.Item label="风险颜色">
            {r?.colour ? (
              <Tag color={RISK_TAG_COLOURS[r.colour]} data-testid="risk-colour">
                {RISK_COLOUR_LABELS[r.colour]}
              </Tag>
            ) : (
              <Typography.Text type="secondary">{UNSCORED_LABEL}</Typography.Text>
            )}
            {r?.score !== null && r?.score !== undefined && <Typography.Text type="secondary">风险分 {Math.round(r.score)}</Typography.Text>}
          </Descriptions.Item>
          <Descriptions.Item label="收入圈层">{r?.circle ? CIRCLE_LABELS[r.circle] : '—'}</Descriptions.Item>
        </Descriptions>
        {r && Object.keys(r.indicators).length > 0 && (
          <Space wrap size="large" style={{ marginTop: 8 }}>
            {Object.entries(r.indicators).map(([k, v]) => (
              <Space key={k} size={4}>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {labelOf(RISK_INDICATOR_LABELS, k)}
                </Typography.Text>
                <Progress percent={Math.round(v * 100)} size={[60, 6]} showInfo={false} strokeColor={v >= 0.6 ? '#fa8c16' : v >= 0.3 ? '#fadb14' : '#52c41a'} />
              </Space>
            ))}
          </Space>
        )}
      </Card>
      <Card size="small">
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            { key: 'members', label: `家庭成员（${h.members.length}）`, children: <MembersTable members={h.members} /> },
            { key: 'economics', label: '收支与财产', children: <EconomicsPanel h={h} /> },
            {
              key: 'supporters',
              label: h.supporters === null ? '法定义务人（未登记）' : `法定义务人（${h.supporters.length}）`,
              children: (
                <SupportersPanel
                  household={h}
                  onSaved={() => {
                    setFull(null);
                    household.reload();
                  }}
                />
              ),
            },
            {
              key: 'eligibility',
              label: '政策匹配',
              children: eligibility.error ? (
                <Alert type="error" showIcon title={eligibility.error.message} />
              ) : eligibility.data ? (
                <EligibilityPanel data={eligibility.data} />
              ) : (
                <Spin />
              ),
            },
            {
              key: 'warnings',
              label: '预警',
              children: (
                <Table<Warning>
                  rowKey="id"
                  size="small"
                  loading={warnings.loading}
                  dataSource={warnings.data?.items ?? []}
                  pagination={false}
                  locale={{ emptyText: '该户暂无预警' }}
                  columns={[
                    { title: '触发时间', dataIndex: 'raisedAt', width: 160, render: (v: string) => formatDateTime(v) },
                    { title: '预警规则', dataIndex: 'ruleName' },
                    {
                      title: '颜色',
                      dataIndex: 'colour',
                      width: 130,
                      render: (c: Warning['colour']) => <Tag color={RISK_TAG_COLOURS[c]}>{RISK_COLOUR_LABELS[c]}</Tag>,
                    },
                    { title: '状态', dataIndex: 'status', width: 100, render: (s: string) => labelOf(WARNING_STATUS_LABELS, s) },
                  ]}
                />
              ),
            },
            {
              key: 'tasks',
              label: '核实任务',
              children: (
                <Table<Task>
                  rowKey="id"
                  size="small"
                  loading={tasks.loading}
                  dataSource={tasks.data?.items ?? []}
                  pagination={false}
                  locale={{ emptyText: '该户暂无核实任务' }}
                  columns={[
                    { title: '创建时间', dataIndex: 'createdAt', width: 160, render: (v: string) => formatDateTime(v) },
                    {
                      title: '类型',
                      dataIndex: 'kind',
                      width: 110,
                      render: (k: string) => labelOf(TASK_KIND_LABELS, k),
                    },
                    { title: '状态', dataIndex: 'status', width: 100, render: (s: string) => labelOf(TASK_STATUS_LABELS, s) },
                    {
                      title: '期限',
                      dataIndex: 'dueDate',
                      width: 140,
                      render: (d: string, t) => (
                        <span>
                          {d} {t.overdue && <Tag color="red">超期</Tag>}
                        </span>
                      ),
                    },
                    { title: '承办人', dataIndex: 'assigneeName', width: 110, render: (n: string | null | undefined) => n ?? '待领取' },
                    {
                      title: '处置决定',
                      render: (_: unknown, t) =>
                        t.decisionKind ? (
                          <span>
                            {labelOf(DECISION_LABELS, t.decisionKind)}
                            {t.decision?.notice && (
                              <Typography.Text type="secondary">
                                {' '}
                                · 公示 {t.decision.notice.from} 至 {t.decision.notice.to}
                                {t.decision.notice.objection ? '（有异议，重新核实）' : ''}
                              </Typography.Text>
                            )}
                          </span>
                        ) : (
                          '—'
                        ),
                    },
                    { title: '升级', dataIndex: 'escalationLabel', width: 110, render: (l: string, t) => (t.escalationLevel === 'none' ? '—' : l) },
                    {
                      title: '操作',
                      width: 200,
                      render: (_: unknown, t) => (
                        <Space size={4}>
                          {t.status === 'in_notice' && <ObjectionButton taskId={t.id} onDone={tasks.reload} />}
                          {t.decisionKind && (t.status === 'closed' || t.status === 'in_notice') && <PrintNoticeButton taskId={t.id} />}
                        </Space>
                      ),
                    },
                  ]}
                />
              ),
            },
            {
              key: 'revisions',
              label: '修订记录',
              children: (
                <Table<Revision>
                  rowKey="id"
                  size="small"
                  loading={revisions.loading}
                  dataSource={[...(revisions.data ?? [])].reverse()}
                  pagination={false}
                  data-testid="revisions"
                  locale={{ emptyText: '暂无修订记录' }}
                  expandable={{
                    expandedRowRender: (rev) => <DiffTable changes={rev.changes} beforeTitle="修改前" afterTitle="修改后" />,
                    rowExpandable: (rev) => rev.changes.length > 0,
                  }}
                  columns={[
                    { title: '版本', dataIndex: 'version', width: 80, render: (v: number) => `第 ${v} 版` },
                    { title: '时间', dataIndex: 'createdAt', width: 160, render: (v: string) => formatDateTime(v) },
                    { title: '来源', dataIndex: 'source', width: 170, render: (s: string) => labelOf(REVISION_SOURCE_LABELS, s) },
                    { title: '操作人角色', dataIndex: 'actorRole', width: 130, render: roleLabel },
                    { title: '变化', render: (_, rev) => `${rev.changes.length} 处` },
                  ]}
                />
              ),
            },
            { key: 'attachments', label: '证明材料', children: <AttachmentsViewer householdId={h.id} /> },
            { key: 'consent', label: '授权同意', children: <ConsentCard householdId={h.id} /> },
            { key: 'audit', label: '访问记录', children: <AuditTrail householdId={h.id} /> },
          ]}
        />
      </Card>
      {!h.members.length && <Empty description="该户没有成员信息" />}
    </Space>
  );
}
