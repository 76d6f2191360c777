import { useState } from 'react';
import { Alert, App, Card, Modal, Select, Space, Tag, Typography } from 'antd';
import { ListTable } from '../../shared/ListTable';
import { TeamOutlined } from '@ant-design/icons';
import { ApiError, request } from '../../api/client';
import { useEndpoint } from '../../shared/useEndpoint';
import { ENDPOINTS, type AdminGrid as Grid } from '@zczr/contract';
import { useRegions } from '../households/useRegions';

/** Grids and their workers: who works which grid, and how many households it holds. */
export default function GridsPage() {
  const regions = useRegions();
  const [street, setStreet] = useState<string | undefined>(undefined);
  const streetCode = street ?? regions.streets[0]?.code;
  const grids = useEndpoint(ENDPOINTS.admin.grids, streetCode ? { query: { streetCode } } : null);
  const [editing, setEditing] = useState<Grid | null>(null);
  return (
    <Card
      title="网格与网格员"
      size="small"
      extra={
        <Select
          style={{ width: 180 }}
          value={streetCode}
          placeholder="选择街道"
          options={regions.streets.map((s) => ({ value: s.code, label: s.name }))}
          onChange={setStreet}
          data-testid="grid-street"
        />
      }
    >
      <Typography.Paragraph type="secondary">
        每户家庭属于一个网格，网格员只能看到自己网格的家庭和任务。调整网格员后，被调离者在该网格未办结的任务会转交给新的网格员（已提交待审核的除外）。
      </Typography.Paragraph>
      {grids.error && <Alert type="error" showIcon title={grids.error.message} />}
      <ListTable<Grid>
        tableKey="admin-grids"
        title="网格列表"
        actions={(g) => [{ label: '调整网格员', icon: <TeamOutlined />, onClick: () => setEditing(g) }]}
        actionsWidth={130}
        rowKey="id"
        size="small"
        loading={grids.loading}
        dataSource={grids.data ?? []}
        pagination={{ pageSize: 20, showTotal: (n) => `共 ${n} 个网格` }}
        data-testid="grids-table"
        columns={[
          { title: '网格', dataIndex: 'name' },
          { title: '编号', dataIndex: 'id', render: (v: string) => <Typography.Text type="secondary">{v}</Typography.Text> },
          { title: '社区', dataIndex: 'communityName' },
          { title: '在册户数', dataIndex: 'households', align: 'right' },
          {
            title: '网格员',
            dataIndex: 'workers',
            render: (ws: Grid['workers']) =>
              ws.length === 0 ? (
                <Tag color="warning">未配备</Tag>
              ) : (
                ws.map((w) => (
                  <Tag key={w.id} color={w.disabled ? 'default' : 'blue'}>
                    {w.displayName}
                    {w.disabled ? '（已停用）' : ''}
                  </Tag>
                ))
              ),
          },
        ]}
      />
      {editing && (
        <WorkersModal
          grid={editing}
          onClose={(changed) => {
            setEditing(null);
            if (changed) grids.reload();
          }}
        />
      )}
    </Card>
  );
}

function WorkersModal({ grid, onClose }: { grid: Grid; onClose: (changed: boolean) => void }) {
  const { message } = App.useApp();
  const workers = useEndpoint(ENDPOINTS.admin.users, { query: { role: 'grid_worker', regionCode: grid.streetCode, status: 'active', pageSize: 200 } });
  const [chosen, setChosen] = useState<string[]>(grid.workers.map((w) => w.id));
  const [saving, setSaving] = useState(false);
  const save = async () => {
    setSaving(true);
    try {
      await request(ENDPOINTS.admin.setGridWorkers, { params: { id: grid.id }, body: { userIds: chosen } });
      message.success('已保存');
      onClose(true);
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '保存失败');
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={`调整网格员 · ${grid.name}`}
      okText="保存"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => void save()}
      onCancel={() => onClose(false)}
      destroyOnHidden
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">只能选择{grid.streetName}在用的网格员账号；新网格员请先在“用户管理”中创建。</Typography.Text>
        <Select
          mode="multiple"
          style={{ width: '100%' }}
          value={chosen}
          onChange={setChosen}
          loading={workers.loading}
          placeholder="选择网格员"
          options={(workers.data?.items ?? []).map((w) => ({ value: w.id, label: `${w.displayName}（${w.username}，已负责 ${w.gridIds.length} 个网格）` }))}
          showSearch={{ optionFilterProp: 'label' }}
        />
        {chosen.length === 0 && <Alert type="warning" showIcon title="没有网格员的网格，新任务将处于“待领取”状态，无人处理。" />}
      </Space>
    </Modal>
  );
}
