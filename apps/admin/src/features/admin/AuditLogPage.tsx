import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Input, Select, Space, Table, Tooltip, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { api, ApiError, qs } from '../../api/client';
import { useApiData } from '../../shared/useApiData';
import { formatDateTime, roleLabel } from '../../shared/labels';
import type { AuditEntry, ChainVerification as Verification, Page } from '@zczr/contract';

/** What the common action codes mean; others are shown as they are. */
const ACTION_LABELS: Record<string, string> = {
  'consent.read_record': '查看授权记录',
  'risk.read': '查看风险评估',
  'consent.read': '查看授权',
  'auth.login': '登录',
  'auth.login_failed': '登录失败',
  'auth.locked': '账号锁定',
  'auth.login_disabled': '停用账号尝试登录',
  'user.create': '新建账号',
  'user.disable': '停用账号',
  'user.enable': '启用账号',
  'user.unlock': '解除锁定',
  'user.reset_totp': '重置动态验证码',
  'user.reset_password': '重置密码',
  'user.register_wechat': '微信注册',
  'user.bind_identity': '实名认证',
  'grid.set_workers': '调整网格员',
  'household.create': '新建家庭档案',
  'household.update': '修改家庭档案',
  'household.view': '查看家庭档案',
  'screening.start': '启动筛查',
  'screening.cancel': '取消筛查',
  'screening.export': '导出筛查结果',
  'screening.view_households': '查看筛查家庭名单',
  'task.create': '新建核实任务',
  'task.claim': '领取任务',
  'task.submit': '提交核实结果',
  'task.accept': '采纳核实结果',
  'task.return': '退回核实结果',
  'task.reassign': '改派任务',
  'task.escalate': '超期自动升级',
  'task.escalate_manual': '升级督办',
  'import.start': '导入部门数据',
  'monitoring.start': '启动监测',
  'monitoring.complete': '监测完成',
  'seed.demo': '生成演示数据',
  'import.complete': '导入完成',
  'household.read_sensitive_full': '查阅档案（完整信息）',
  'household.read_sensitive_masked': '查阅档案（脱敏）',
  'household.reveal': '查看完整信息（已填事由）',
  'household.read_revisions': '查看修订记录',
  'household.read_audit_trail': '查看访问记录',
  'household.search_by_id': '按身份证号检索',
  'submission.create': '提交申请',
  'submission.read': '查看申请',
  'submission.approve': '审核通过',
  'submission.return': '退回申请',
  'submission.reject': '驳回申请',
  'consent.give': '授权同意',
  'consent.withdraw': '撤回授权',
  'eligibility.read': '查看政策匹配',
  'attachment.upload': '上传附件',
  'attachment.read': '查看附件',
  'ocr.read': '证件识别',
  'ocr.refused': '证件识别被拒',
  'policy.create': '新建政策',
  'policy.save_draft': '保存政策草稿',
  'policy.publish': '发布政策',
  'policy.preview': '政策试算',
  'policy.read_version': '查看政策版本',
  'parameter.propose': '提出参数调整',
  'parameter.approve': '批准参数调整',
  'parameter.reject': '驳回参数调整',
  'parameter.rematch': '参数生效后重新筛查',
};

const ACTION_GROUPS = [
  { value: 'auth.', label: '登录' },
  { value: 'user.', label: '账号管理' },
  { value: 'household.', label: '家庭档案' },
  { value: 'submission.', label: '申请审核' },
  { value: 'task.', label: '核实任务' },
  { value: 'screening.', label: '人群筛查' },
  { value: 'policy.', label: '政策' },
  { value: 'parameter.', label: '政策参数' },
  { value: 'import.', label: '数据导入' },
  { value: 'consent.', label: '授权同意' },
  { value: 'grid.', label: '网格' },
];

/** The audit log with filters, and the verification of its hash chain. */
/** What an audit entry is about, in words (the id stays in the tooltip and the expanded row). */
const ENTITY_LABELS: Readonly<Record<string, string>> = {
  household: '家庭档案',
  user: '账号',
  task: '核实任务',
  submission: '变更申请',
  consent: '授权同意',
  screening: '人群筛查',
  import: '部门数据导入',
  grid: '网格',
  policy: '政策',
  parameter_change: '参数调整',
  attachment: '附件',
  system: '系统',
  warning: '预警',
  monitoring_run: '监测运行',
  risk: '风险评估',
  ocr: '证件识别',
  parameter: '政策参数',
  audit: '审计日志',
  document: '证件',
};

export default function AuditLogPage() {
  const { message } = App.useApp();
  const [filters, setFilters] = useState<{ action?: string; actorId?: string; entityId?: string; from?: string; to?: string }>({});
  const [page, setPage] = useState(1);
  const list = useApiData<Page<AuditEntry>>(`/api/v1/audit-logs${qs({ ...filters, page, pageSize: 20 })}`);
  const [verifying, setVerifying] = useState(false);
  const [verification, setVerification] = useState<Verification | null>(null);
  const set = (patch: Partial<typeof filters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPage(1);
  };

  const verify = async () => {
    setVerifying(true);
    try {
      setVerification(await api<Verification>('/api/v1/audit-logs/verify'));
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '校验失败');
    } finally {
      setVerifying(false);
    }
  };

  return (
    <Card
      title="审计日志"
      size="small"
      extra={
        <Button type="primary" icon={<SafetyCertificateOutlined />} loading={verifying} onClick={() => void verify()} data-testid="verify-chain">
          校验哈希链
        </Button>
      }
    >
      {verification &&
        (verification.ok ? (
          <Alert
            type="success"
            showIcon
            style={{ marginBottom: 12 }}
            data-testid="chain-result"
            title={`哈希链完整：已逐条核对 ${verification.checked.toLocaleString('zh-CN')} 条记录，未发现篡改、删除或调换顺序。`}
          />
        ) : (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 12 }}
            data-testid="chain-result"
            title={`哈希链校验失败：第 ${verification.brokenAt ?? '?'} 条记录被改动或链条断裂（已核对 ${verification.checked} 条）。请立即上报安全管理员。`}
          />
        ))}
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder="全部操作"
          style={{ width: 150 }}
          options={ACTION_GROUPS}
          onChange={(v: string | undefined) => set({ action: v })}
          data-testid="audit-action"
        />
        <Input.Search allowClear placeholder="操作人用户 ID" style={{ width: 300 }} onSearch={(v) => set({ actorId: v.trim() || undefined })} />
        <Input.Search allowClear placeholder="对象 ID（家庭、任务、账号…）" style={{ width: 300 }} onSearch={(v) => set({ entityId: v.trim() || undefined })} />
        <DatePicker.RangePicker
          onChange={(range: [Dayjs | null, Dayjs | null] | null) => set({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') })}
        />
      </Space>
      {list.error && <Alert type="error" showIcon title={list.error.message} />}
      <Table<AuditEntry>
        rowKey="id"
        size="small"
        tableLayout="fixed"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        data-testid="audit-table"
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showTotal: (n) => `共 ${n} 条`, showSizeChanger: false }}
        expandable={{
          expandedRowRender: (e) => (
            <pre
              style={{ margin: 0, whiteSpace: 'pre-wrap' }}
            >{`IP：${e.ip ?? '—'}\n对象：${ENTITY_LABELS[e.entityType] ?? '其他'} ${e.entityId ?? ''}\n哈希：${e.hash}${Object.keys(e.detail).length ? `\n详情：${JSON.stringify(e.detail, null, 2)}` : ''}`}</pre>
          ),
        }}
        columns={[
          { title: '序号', dataIndex: 'id', width: 60 },
          { title: '时间', dataIndex: 'at', render: (v: string) => formatDateTime(v), width: 140 },
          {
            title: '操作人',
            key: 'actor',
            width: 230,
            ellipsis: true,
            render: (_: unknown, e) =>
              e.actorId ? (
                <Tooltip title={`${e.actorName ?? ''} ${e.actorId}`}>{e.actorName ?? '已删除的账号'}</Tooltip>
              ) : (
                <Typography.Text type="secondary">系统</Typography.Text>
              ),
          },
          { title: '角色', dataIndex: 'actorRole', width: 110, render: (r: string) => (r === 'system' ? '系统' : roleLabel(r)) },
          { title: '操作', dataIndex: 'action', width: 140, render: (a: string) => <Tooltip title={a}>{ACTION_LABELS[a] ?? a}</Tooltip> },
          {
            title: '对象',
            key: 'entity',
            width: 160,
            render: (_: unknown, e) => <Tooltip title={e.entityId ? `编号：${e.entityId}` : undefined}>{ENTITY_LABELS[e.entityType] ?? '其他'}</Tooltip>,
          },
        ]}
      />
    </Card>
  );
}
