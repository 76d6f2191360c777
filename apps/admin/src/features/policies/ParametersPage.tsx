import { useState, type ReactNode } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import {
  ENDPOINTS,
  PARAMETER_CHANGE_STATUS_LABELS,
  labelOf,
  type ParameterChangeStatus,
  type ParameterChangeView,
  type ParameterOverview,
  type ParameterOverviewItem,
  type ParameterValue,
} from '@zczr/contract';
import { ApiError, request } from '../../api/client';
import { ReasonModal } from '../../shared/ReasonModal';
import { useEndpoint } from '../../shared/useEndpoint';
import { ListTable } from '../../shared/ListTable';
import { formatDateTime, parameterAmount as amount, parameterRegionName as regionName } from '../../shared/labels';

const STATUS_COLOURS: Record<ParameterChangeStatus, string> = { pending: 'processing', approved: 'success', rejected: 'default' };

/**
 * 参数管理: every parameter the rules read (低保标准 …) with its value in force in the district and the
 * next approved value. District staff propose a change (new value, effective date, 依据); another
 * district user approves or rejects it. On its date the district is screened again.
 */
export default function ParametersPage() {
  const { message } = App.useApp();
  const overview = useEndpoint(ENDPOINTS.parameters.overview);
  const pending = useEndpoint(ENDPOINTS.parameters.changes, { query: { status: 'pending' } });
  const [history, setHistory] = useState<ParameterOverviewItem | null>(null);
  const [proposing, setProposing] = useState<ParameterOverviewItem | null>(null);
  const [rejecting, setRejecting] = useState<ParameterChangeView | null>(null);
  const district = overview.data?.districtCode ?? '';
  const canPropose = overview.data?.canPropose ?? false;
  const refresh = (): void => {
    overview.reload();
    pending.reload();
  };

  const approve = async (c: ParameterChangeView): Promise<void> => {
    try {
      await request(ENDPOINTS.parameters.approve, { params: { id: c.id }, body: {} });
      message.success(c.effectiveFrom <= (overview.data?.asOf ?? '') ? '已批准，已按新参数启动全区重新筛查' : `已批准，将于 ${c.effectiveFrom} 生效并重新筛查`);
      refresh();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '批准失败');
    }
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        size="small"
        title="参数管理"
        extra={overview.data && <Typography.Text type="secondary">现行值按 {overview.data.asOf} 本区适用的取值显示</Typography.Text>}
        styles={{ body: { padding: 0 } }}
      >
        {overview.error && <Alert type="error" showIcon title={overview.error.message} />}
        <ListTable<ParameterOverviewItem>
          tableKey="parameters"
          actionsWidth={170}
          actions={(r) => [
            { label: '历史', onClick: () => setHistory(r) },
            ...(canPropose ? [{ label: '提出调整', onClick: () => setProposing(r), testId: 'propose' }] : []),
          ]}
          rowKey="name"
          size="middle"
          loading={overview.loading}
          dataSource={overview.data?.items ?? []}
          pagination={{ pageSize: 30, showTotal: (t) => `共 ${t} 项参数` }}
          data-testid="parameters-table"
          locale={{ emptyText: '没有参数' }}
          columns={[
            { title: '参数', dataIndex: 'label' },
            { title: '单位', dataIndex: 'unit', width: 110, render: (u?: string) => u ?? '—' },
            { title: '现行值', dataIndex: 'currentValue', width: 110, align: 'right', render: (v: number | null) => amount(v) },
            { title: '适用地区', dataIndex: 'region', width: 90, render: (r: string | null) => regionName(r, district) },
            { title: '生效日期', dataIndex: 'effectiveFrom', width: 110, render: (d: string | null) => d ?? '—' },
            {
              title: '下次调整',
              dataIndex: 'next',
              width: 200,
              render: (_, r) =>
                r.next ? (
                  <Tag color="blue">
                    {r.next.effectiveFrom} 起 {amount(r.next.value)}（{regionName(r.next.region, district)}）
                  </Tag>
                ) : (
                  '—'
                ),
            },
          ]}
        />
        <Typography.Paragraph type="secondary" style={{ padding: '8px 16px', marginBottom: 0 }}>
          参数调整须注明依据文件或文号，由区级其他工作人员审批后写入参数表；到生效日系统自动按新参数重新筛查全区家庭。
        </Typography.Paragraph>
      </Card>

      <Card size="small" title="待审批的参数调整" styles={{ body: { padding: 0 } }}>
        {pending.error && <Alert type="error" showIcon title={pending.error.message} />}
        <ChangesTable
          changes={pending.data ?? []}
          loading={pending.loading}
          district={district}
          testId="pending-changes"
          emptyText="没有待审批的参数调整"
          actions={(c) =>
            c.canDecide ? (
              <Space size={0}>
                <Popconfirm
                  title="批准该参数调整？"
                  description={`${c.label}自 ${c.effectiveFrom} 起调整为 ${amount(c.value, c.unit)}`}
                  okText="批准"
                  cancelText="取消"
                  onConfirm={() => approve(c)}
                >
                  <Button type="link" size="small" data-testid="approve">
                    批准
                  </Button>
                </Popconfirm>
                <Button type="link" size="small" danger onClick={() => setRejecting(c)} data-testid="reject">
                  驳回
                </Button>
              </Space>
            ) : (
              <Typography.Text type="secondary">待区级其他人员审批</Typography.Text>
            )
          }
        />
      </Card>

      <Drawer open={history !== null} onClose={() => setHistory(null)} size={860} destroyOnHidden title={history ? `${history.label} · 历史取值` : ''}>
        {history && <HistoryPanel item={history} district={district} />}
      </Drawer>
      {proposing && overview.data && (
        <ProposeModal
          item={proposing}
          overview={overview.data}
          onClose={(changed) => {
            setProposing(null);
            if (changed) {
              message.success('已提交，待区级其他工作人员审批');
              refresh();
            }
          }}
        />
      )}
      {rejecting && (
        <RejectModal
          change={rejecting}
          onClose={(changed) => {
            setRejecting(null);
            if (changed) {
              message.success('已驳回，参数表未作改动');
              refresh();
            }
          }}
        />
      )}
    </Space>
  );
}

function ChangesTable({
  changes,
  loading,
  district,
  testId,
  emptyText,
  actions,
  ofOneParameter = false,
}: {
  changes: ParameterChangeView[];
  /** Inside one parameter's history: no parameter column, the decider instead of the time. */
  ofOneParameter?: boolean;
  loading: boolean;
  district: string;
  testId: string;
  emptyText: string;
  actions?: (c: ParameterChangeView) => ReactNode;
}) {
  return (
    <Table<ParameterChangeView>
      rowKey="id"
      size="small"
      loading={loading}
      dataSource={changes}
      pagination={false}
      data-testid={testId}
      locale={{ emptyText }}
      columns={[
        ...(ofOneParameter ? [] : [{ title: '参数', dataIndex: 'label' }]),
        { title: '地区', dataIndex: 'region', width: 70, render: (r: string) => regionName(r, district) },
        {
          title: '调整',
          key: 'values',
          width: 180,
          render: (_, c) => `${amount(c.previousValue)} → ${amount(c.value, c.unit)}`,
        },
        { title: '生效日期', dataIndex: 'effectiveFrom', width: 105 },
        { title: '依据', dataIndex: 'basis', ellipsis: true },
        {
          title: '状态',
          dataIndex: 'status',
          width: 90,
          render: (s: ParameterChangeStatus) => <Tag color={STATUS_COLOURS[s]}>{labelOf(PARAMETER_CHANGE_STATUS_LABELS, s)}</Tag>,
        },
        { title: '提出人', dataIndex: 'proposedByName', width: 100 },
        ofOneParameter
          ? { title: '审批人', dataIndex: 'decidedByName', width: 100, render: (v: string | null) => v ?? '—' }
          : { title: '提出时间', dataIndex: 'proposedAt', width: 150, render: (v: string) => formatDateTime(v) },
        ...(actions ? [{ title: '操作', key: 'actions', width: 150, render: (_: unknown, c: ParameterChangeView) => actions(c) }] : []),
      ]}
    />
  );
}

function HistoryPanel({ item, district }: { item: ParameterOverviewItem; district: string }) {
  const changes = useEndpoint(ENDPOINTS.parameters.changes, { query: { name: item.name } });
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Descriptions size="small" column={2} bordered>
        <Descriptions.Item label="现行值">{amount(item.currentValue, item.unit)}</Descriptions.Item>
        <Descriptions.Item label="适用地区">{regionName(item.region, district)}</Descriptions.Item>
        <Descriptions.Item label="依据" span={2}>
          {item.source ?? '—'}
        </Descriptions.Item>
      </Descriptions>
      <Table<ParameterValue>
        rowKey={(r) => `${r.region}|${r.effectiveFrom}`}
        size="small"
        pagination={false}
        dataSource={[...item.history].reverse()}
        data-testid="parameter-history"
        columns={[
          { title: '地区', dataIndex: 'region', width: 70, render: (r: string) => regionName(r, district) },
          { title: '生效日期', dataIndex: 'effectiveFrom', width: 105 },
          { title: '截止日期', dataIndex: 'effectiveTo', width: 105, render: (d?: string) => d ?? '至今' },
          { title: '取值', dataIndex: 'value', width: 90, align: 'right', render: (v: number) => amount(v) },
          { title: '依据', dataIndex: 'source', ellipsis: true, render: (s?: string) => s ?? '—' },
        ]}
      />
      <Typography.Title level={5} style={{ margin: 0 }}>
        调整申请
      </Typography.Title>
      {changes.error && <Alert type="error" showIcon title={changes.error.message} />}
      <ChangesTable
        changes={changes.data ?? []}
        loading={changes.loading}
        district={district}
        testId="parameter-changes"
        emptyText="没有调整申请"
        ofOneParameter
      />
    </Space>
  );
}

interface ProposeForm {
  region: string;
  value: number;
  effectiveFrom: Dayjs;
  basis: string;
}

function ProposeModal({ item, overview, onClose }: { item: ParameterOverviewItem; overview: ParameterOverview; onClose: (changed: boolean) => void }) {
  const [form] = Form.useForm<ProposeForm>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const today = dayjs(overview.asOf);
  const submit = async (v: ProposeForm) => {
    setSaving(true);
    setError(null);
    try {
      await request(ENDPOINTS.parameters.propose, {
        body: { name: item.name, region: v.region, value: v.value, effectiveFrom: v.effectiveFrom.format('YYYY-MM-DD'), basis: v.basis.trim() },
      });
      onClose(true);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '提交失败');
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={`提出调整 · ${item.label}`}
      okText="提交审批"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={() => onClose(false)}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Typography.Paragraph type="secondary">
        现行值：{amount(item.currentValue, item.unit)}（{regionName(item.region, overview.districtCode)}，{item.effectiveFrom ?? '—'} 起）
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ region: item.region && overview.regions.includes(item.region) ? item.region : overview.districtCode }}
        onFinish={(v) => void submit(v)}
      >
        <Form.Item name="region" label="适用地区" rules={[{ required: true, message: '请选择适用地区' }]}>
          <Select options={overview.regions.map((r) => ({ value: r, label: regionName(r, overview.districtCode) }))} data-testid="propose-region" />
        </Form.Item>
        <Form.Item name="value" label={`新值${item.unit ? `（${item.unit}）` : ''}`} rules={[{ required: true, message: '请填写新值' }]}>
          <InputNumber min={0} style={{ width: '100%' }} data-testid="propose-value" />
        </Form.Item>
        <Form.Item name="effectiveFrom" label="生效日期" rules={[{ required: true, message: '请选择生效日期' }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(today, 'day')} data-testid="propose-date" />
        </Form.Item>
        <Form.Item name="basis" label="依据文件/文号" rules={[{ required: true, whitespace: true, message: '请填写依据文件或文号' }]}>
          <Input maxLength={255} placeholder="如：成民规〔2026〕3号 关于调整城乡低保标准的通知" data-testid="propose-basis" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RejectModal({ change, onClose }: { change: ParameterChangeView; onClose: (changed: boolean) => void }) {
  return (
    <ReasonModal
      title={`驳回参数调整 · ${change.label}`}
      okText="驳回"
      danger
      label="驳回意见"
      maxLength={255}
      testId="reject-note"
      failed="驳回失败"
      send={(note) => request(ENDPOINTS.parameters.reject, { params: { id: change.id }, body: { note } })}
      onClose={onClose}
    />
  );
}
