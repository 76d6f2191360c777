import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, App, Badge, Card, Col, Form, Input, Modal, Row, Select, Space, Statistic, Switch, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import { RiseOutlined, SwapOutlined } from '@ant-design/icons';
import { ApiError, request } from '../../api/client';
import { ReasonModal } from '../../shared/ReasonModal';
import { useEndpoint } from '../../shared/useEndpoint';
import { ListTable } from '../../shared/ListTable';
import { formatDateTime, pageTotal } from '../../shared/labels';
import {
  ENDPOINTS,
  labelOf,
  RISK_COLOUR_NAMES,
  TASK_KIND_LABELS,
  TASK_STATUS_LABELS,
  TASK_STATUSES,
  WARNING_COLOURS,
  WARNING_STATUS_LABELS,
  WARNING_STATUSES,
  type Board,
  type TaskStatus,
  type TaskView as Task,
  type WarningColour,
  type WarningStatus,
  type WarningView as Warning,
} from '@zczr/contract';
import { useRegions } from '../households/useRegions';

const COLOUR_TAG: Record<Warning['colour'], string> = { orange: 'orange', yellow: 'gold', blue: 'blue' };
const ESCALATION_COLOUR: Record<Task['escalationLevel'], string> = { none: 'default', community: 'gold', street: 'orange', district: 'red' };

/** Warnings and verification tasks: by colour, street and status, overdue first; reassign and escalate. */
export default function BoardPage() {
  const board = useEndpoint(ENDPOINTS.dashboard.board);
  const orangeOpen = (board.data?.warnings.orange?.open ?? 0) + (board.data?.warnings.orange?.tasked ?? 0);
  const active = Object.entries(board.data?.tasks ?? {})
    .filter(([s]) => s !== 'closed' && s !== 'accepted')
    .reduce((n, [, v]) => n + v, 0);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Row gutter={16}>
        <Col span={6}>
          <Card size="small">
            <Statistic
              title="超期未办结任务"
              value={board.data?.overdueTasks ?? 0}
              styles={{ content: { color: (board.data?.overdueTasks ?? 0) > 0 ? '#cf1322' : undefined } }}
            />
          </Card>
        </Col>
        <Col span={6}>
          <Card size="small">
            <Statistic title="未办结核实任务" value={active} />
          </Card>
        </Col>
        <Col span={6}>
          <Card size="small">
            <Statistic title="未办结橙色预警" value={orangeOpen} styles={{ content: { color: orangeOpen > 0 ? '#d46b08' : undefined } }} />
          </Card>
        </Col>
        <Col span={6}>
          <Card size="small">
            <Statistic title="已升级至街道 / 区级督办" value={`${board.data?.escalation.street ?? 0} / ${board.data?.escalation.district ?? 0}`} />
          </Card>
        </Col>
      </Row>
      {board.error && <Alert type="error" showIcon title={board.error.message} />}
      <Card size="small">
        <Tabs
          items={[
            { key: 'tasks', label: '核实任务（超期优先）', children: <TasksTab onChanged={board.reload} /> },
            { key: 'warnings', label: '监测预警', children: <WarningsTab /> },
            { key: 'streets', label: '按街道', children: <StreetsTab board={board.data} /> },
          ]}
        />
      </Card>
    </Space>
  );
}

function TasksTab({ onChanged }: { onChanged: () => void }) {
  const { message } = App.useApp();
  const regions = useRegions();
  const [filters, setFilters] = useState<{ streetCode?: string; status?: TaskStatus; overdue?: boolean; active: boolean }>({ active: true });
  const [page, setPage] = useState(1);
  const list = useEndpoint(ENDPOINTS.tasks.list, { query: { ...filters, sort: 'urgency', page, pageSize: 20 } });
  const [reassigning, setReassigning] = useState<Task | null>(null);
  const [escalating, setEscalating] = useState<Task | null>(null);
  const refresh = () => {
    list.reload();
    onChanged();
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        {regions.streets.length > 1 && (
          <Select
            allowClear
            placeholder="全部街道"
            style={{ width: 160 }}
            value={filters.streetCode}
            options={regions.streets.map((s) => ({ value: s.code, label: s.name }))}
            onChange={(v: string | undefined) => {
              setFilters((f) => ({ ...f, streetCode: v }));
              setPage(1);
            }}
          />
        )}
        <Select
          allowClear
          placeholder="全部状态"
          style={{ width: 150 }}
          value={filters.status}
          options={TASK_STATUSES.map((value) => ({ value, label: TASK_STATUS_LABELS[value] }))}
          onChange={(v: TaskStatus | undefined) => {
            setFilters((f) => ({ ...f, status: v }));
            setPage(1);
          }}
        />
        <Space size={4}>
          <Switch
            size="small"
            checked={filters.overdue === true}
            onChange={(v) => {
              setFilters((f) => ({ ...f, overdue: v || undefined }));
              setPage(1);
            }}
            data-testid="only-overdue"
          />
          只看超期
        </Space>
        <Space size={4}>
          <Switch
            size="small"
            checked={filters.active}
            onChange={(v) => {
              setFilters((f) => ({ ...f, active: v }));
              setPage(1);
            }}
          />
          只看未办结
        </Space>
      </Space>
      {list.error && <Alert type="error" showIcon title={list.error.message} />}
      <ListTable<Task>
        tableKey="board-tasks"
        title="核实任务"
        exportAs={{ disabled: '任务含户主姓名与住址，请在家庭档案检索中导出（导出留痕）' }}
        actionsWidth={170}
        actions={(t) =>
          ['closed', 'accepted'].includes(t.status)
            ? []
            : [
                {
                  label: '改派',
                  icon: <SwapOutlined />,
                  disabled: t.status === 'submitted',
                  tooltip: t.status === 'submitted' ? '已提交的任务请在审核工作台处理' : '改派给本网格的其他网格员',
                  onClick: () => setReassigning(t),
                },
                { label: '升级督办', icon: <RiseOutlined />, disabled: t.escalationLevel === 'district', onClick: () => setEscalating(t), testId: 'escalate' },
              ]
        }
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        data-testid="task-board"
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showTotal: () => pageTotal(list.data, '项') }}
        onRow={(t) => ({ style: t.overdue ? { background: '#fff1f0' } : undefined })}
        columns={[
          {
            title: '期限',
            dataIndex: 'dueDate',
            width: 150,
            render: (d: string, t) =>
              t.overdue ? (
                <Badge
                  status="error"
                  text={
                    <Typography.Text type="danger" data-testid="overdue-flag">
                      {d} 已超期
                    </Typography.Text>
                  }
                />
              ) : (
                d
              ),
          },
          { title: '类型', dataIndex: 'kind', render: (k: string) => labelOf(TASK_KIND_LABELS, k) },
          { title: '状态', dataIndex: 'status', render: (s: string) => labelOf(TASK_STATUS_LABELS, s) },
          {
            title: '督办',
            dataIndex: 'escalationLevel',
            render: (l: Task['escalationLevel'], t) =>
              l === 'none' ? '—' : <Tag color={ESCALATION_COLOUR[l]}>{t.escalationLabel.replace(/^超期：/, '')}</Tag>,
          },
          { title: '街道', dataIndex: 'streetCode', render: (c: string) => regions.nameOf(c) },
          { title: '网格', dataIndex: 'gridId', render: (id: string, t) => t.gridName ?? id },
          { title: '承办人', dataIndex: 'assigneeName', render: (n: string | null | undefined) => n ?? '未指派' },
          {
            title: '家庭',
            dataIndex: 'householdId',
            render: (id: string, t) => (
              <Tooltip title={t.address ?? undefined}>
                <Link to={`/households/${id}`}>{t.headName ? `${t.headName}家` : '查看家庭'}</Link>
              </Tooltip>
            ),
          },
          { title: '创建', dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
        ]}
      />
      {reassigning && (
        <ReassignModal
          task={reassigning}
          onClose={(changed) => {
            setReassigning(null);
            if (changed) {
              message.success('已改派');
              refresh();
            }
          }}
        />
      )}
      {escalating && (
        <EscalateModal
          task={escalating}
          onClose={(changed) => {
            setEscalating(null);
            if (changed) {
              message.success('已升级督办');
              refresh();
            }
          }}
        />
      )}
    </Space>
  );
}

function ReassignModal({ task, onClose }: { task: Task; onClose: (changed: boolean) => void }) {
  const assignees = useEndpoint(ENDPOINTS.tasks.assignees, { params: { id: task.id } });
  const [form] = Form.useForm<{ assigneeId: string; reason?: string }>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (v: { assigneeId: string; reason?: string }) => {
    setSaving(true);
    setError(null);
    try {
      await request(ENDPOINTS.tasks.reassign, {
        params: { id: task.id },
        body: { assigneeId: v.assigneeId === 'open' ? null : v.assigneeId, reason: v.reason?.trim() || undefined },
      });
      onClose(true);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '改派失败');
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title="改派核实任务"
      okText="改派"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={() => onClose(false)}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item name="assigneeId" label="改派给" rules={[{ required: true, message: '请选择网格员' }]}>
          <Select
            loading={assignees.loading}
            placeholder="该网格的网格员"
            options={[
              ...(assignees.data ?? []).map((a) => ({
                value: a.id,
                label: `${a.displayName}（未办结 ${a.openTasks} 项）${a.id === task.assigneeId ? ' · 当前承办' : ''}`,
                disabled: a.id === task.assigneeId,
              })),
              { value: 'open', label: '放回待领取（由网格员自行领取）' },
            ]}
          />
        </Form.Item>
        <Form.Item name="reason" label="原因（可选）">
          <Input maxLength={200} placeholder="如：原网格员请假" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function EscalateModal({ task, onClose }: { task: Task; onClose: (changed: boolean) => void }) {
  const to = task.escalationLevel === 'street' ? '区级' : '街道';
  return (
    <ReasonModal
      title={`升级督办至${to}`}
      okText="升级"
      intro={
        <Typography.Paragraph type="secondary">
          升级后由{to}督办；超期任务也会按工作日自动升级（社区 → 街道 → 区级），自动升级不会降低手工设定的层级。
        </Typography.Paragraph>
      }
      label="升级原因"
      placeholder="如：多次催办仍未入户核实"
      maxLength={500}
      testId="escalate-reason"
      failed="升级失败"
      send={(reason) => request(ENDPOINTS.tasks.escalate, { params: { id: task.id }, body: { reason } })}
      onClose={onClose}
    />
  );
}

function WarningsTab() {
  const regions = useRegions();
  const [filters, setFilters] = useState<{ colour?: WarningColour; status?: WarningStatus; streetCode?: string }>({});
  const [page, setPage] = useState(1);
  const list = useEndpoint(ENDPOINTS.warnings.list, { query: { ...filters, sort: 'severity', page, pageSize: 20 } });
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Select
          allowClear
          placeholder="全部颜色"
          style={{ width: 130 }}
          value={filters.colour}
          options={WARNING_COLOURS.map((c) => ({ value: c, label: RISK_COLOUR_NAMES[c] }))}
          onChange={(v: WarningColour | undefined) => {
            setFilters((f) => ({ ...f, colour: v }));
            setPage(1);
          }}
        />
        <Select
          allowClear
          placeholder="全部状态"
          style={{ width: 150 }}
          value={filters.status}
          options={WARNING_STATUSES.map((value) => ({ value, label: WARNING_STATUS_LABELS[value] }))}
          onChange={(v: WarningStatus | undefined) => {
            setFilters((f) => ({ ...f, status: v }));
            setPage(1);
          }}
        />
        {regions.streets.length > 1 && (
          <Select
            allowClear
            placeholder="全部街道"
            style={{ width: 160 }}
            value={filters.streetCode}
            options={regions.streets.map((s) => ({ value: s.code, label: s.name }))}
            onChange={(v: string | undefined) => {
              setFilters((f) => ({ ...f, streetCode: v }));
              setPage(1);
            }}
          />
        )}
      </Space>
      {list.error && <Alert type="error" showIcon title={list.error.message} />}
      <ListTable<Warning>
        tableKey="board-warnings"
        title="预警"
        actionsWidth={100}
        actions={(w) => [{ label: '查看家庭', to: `/households/${w.householdId}`, testId: 'warning-household' }]}
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        data-testid="warning-board"
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showTotal: () => pageTotal(list.data, '条') }}
        columns={[
          {
            title: '颜色',
            dataIndex: 'colour',
            render: (c: Warning['colour'], w) => (
              <Tooltip title={w.colourLabel}>
                <Tag color={COLOUR_TAG[c]}>{RISK_COLOUR_NAMES[c]}</Tag>
              </Tooltip>
            ),
          },
          { title: '预警', dataIndex: 'ruleName' },
          { title: '状态', dataIndex: 'status', render: (s: Warning['status']) => WARNING_STATUS_LABELS[s] },
          { title: '街道', dataIndex: 'streetCode', render: (c: string) => regions.nameOf(c) },
          { title: '网格', dataIndex: 'gridId' },
          { title: '触发时间', dataIndex: 'raisedAt', render: (v: string) => formatDateTime(v) },
        ]}
      />
    </Space>
  );
}

function StreetsTab({ board }: { board: Board | undefined }) {
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Table
        rowKey="code"
        size="small"
        pagination={false}
        dataSource={board?.byStreet ?? []}
        columns={[
          { title: '街道', dataIndex: 'name' },
          { title: '未办结橙色预警', dataIndex: 'orange', align: 'right' as const },
          { title: '黄色', dataIndex: 'yellow', align: 'right' as const },
          { title: '蓝色', dataIndex: 'blue', align: 'right' as const },
          { title: '未办结任务', dataIndex: 'activeTasks', align: 'right' as const },
          {
            title: '超期任务',
            dataIndex: 'overdueTasks',
            align: 'right' as const,
            render: (n: number) => (n > 0 ? <Typography.Text type="danger">{n}</Typography.Text> : n),
          },
        ]}
      />
      {board?.note && <Typography.Text type="secondary">{board.note}</Typography.Text>}
    </Space>
  );
}
