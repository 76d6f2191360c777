import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Input, Select, Space, Tooltip, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { ApiError, request } from '../../api/client';
import { useEndpoint } from '../../shared/useEndpoint';
import { ListTable } from '../../shared/ListTable';
import { formatDateTime, roleLabel } from '../../shared/labels';
import {
  AUDIT_ACTION_GROUP_LABELS,
  AUDIT_ACTION_LABELS,
  AUDIT_ENTITY_LABELS,
  ENDPOINTS,
  labelOf,
  type AuditEntry,
  type ChainVerification as Verification,
} from '@zczr/contract';

const ACTION_GROUPS = Object.entries(AUDIT_ACTION_GROUP_LABELS).map(([value, label]) => ({ value, label }));

/** The audit log with filters, and the verification of its hash chain. */
export default function AuditLogPage() {
  const { message } = App.useApp();
  const [filters, setFilters] = useState<{ action?: string; actorId?: string; entityId?: string; from?: string; to?: string }>({});
  const [page, setPage] = useState(1);
  const list = useEndpoint(ENDPOINTS.admin.auditLogs, { query: { ...filters, page, pageSize: 20 } });
  const [verifying, setVerifying] = useState(false);
  const [verification, setVerification] = useState<Verification | null>(null);
  const set = (patch: Partial<typeof filters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPage(1);
  };

  const verify = async () => {
    setVerifying(true);
    try {
      setVerification(await request(ENDPOINTS.admin.verifyAuditChain));
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
      <ListTable<AuditEntry>
        tableKey="audit-log"
        title="审计日志"
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
            >{`IP：${e.ip ?? '—'}\n对象：${AUDIT_ENTITY_LABELS[e.entityType] ?? '其他'} ${e.entityId ?? ''}\n哈希：${e.hash}${Object.keys(e.detail).length ? `\n详情：${JSON.stringify(e.detail, null, 2)}` : ''}`}</pre>
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
          { title: '操作类型', dataIndex: 'action', width: 140, render: (a: string) => <Tooltip title={a}>{labelOf(AUDIT_ACTION_LABELS, a)}</Tooltip> },
          {
            title: '对象',
            key: 'entity',
            width: 160,
            render: (_: unknown, e) => <Tooltip title={e.entityId ? `编号：${e.entityId}` : undefined}>{AUDIT_ENTITY_LABELS[e.entityType] ?? '其他'}</Tooltip>,
          },
        ]}
      />
    </Card>
  );
}
