import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, Card, Input, Select, Space, Tag, Typography } from 'antd';
import { useEndpoint } from '../../shared/useEndpoint';
import { ListTable } from '../../shared/ListTable';
import { useUser } from '../../auth/session';
import { POLICY_GROUPS, type PolicyGroup } from '@zczr/eligibility';
import { ENDPOINTS, labelOf, POLICY_GROUP_LABELS, type PolicySummary } from '@zczr/contract';

/** The policy library: every policy with its version in force and any draft waiting. */
export default function PoliciesPage() {
  const canEdit = useUser().role === 'district_reviewer';
  const [q, setQ] = useState('');
  const [group, setGroup] = useState<PolicyGroup | undefined>();
  const list = useEndpoint(ENDPOINTS.policies.list, { query: { q, group } });
  return (
    <Card
      size="small"
      title="政策库"
      extra={
        <Space>
          <Select
            allowClear
            placeholder="全部类别"
            style={{ width: 160 }}
            value={group}
            onChange={setGroup}
            options={POLICY_GROUPS.map((value) => ({ value, label: POLICY_GROUP_LABELS[value] }))}
          />
          <Input.Search allowClear placeholder="按名称、救助内容检索" onSearch={setQ} style={{ width: 240 }} />
        </Space>
      }
      styles={{ body: { padding: 0 } }}
    >
      {list.error && <Alert type="error" showIcon title={list.error.message} />}
      <ListTable<PolicySummary>
        tableKey="policies"
        title="政策列表"
        actionsWidth={100}
        actions={(r) => [{ label: canEdit ? '编辑规则' : '查看规则', to: `/policies/${r.code}` }]}
        rowKey="code"
        size="middle"
        loading={list.loading}
        dataSource={list.data ?? []}
        pagination={{ pageSize: 20, showTotal: (t) => `共 ${t} 项政策` }}
        data-testid="policies-table"
        locale={{ emptyText: '没有符合条件的政策' }}
        columns={[
          { title: '政策名称', dataIndex: 'name', render: (v: string, r) => <Link to={`/policies/${r.code}`}>{v}</Link> },
          { title: '类别', dataIndex: 'group', width: 140, render: (g: string) => labelOf(POLICY_GROUP_LABELS, g) },
          { title: '主管部门', dataIndex: 'department', width: 110 },
          { title: '救助内容', dataIndex: 'benefit', ellipsis: true },
          {
            title: '版本',
            width: 190,
            render: (_, r) => (
              <Space size={4}>
                {r.publishedVersion !== null ? <Tag color="success">生效：第 {r.publishedVersion} 版</Tag> : <Tag>未发布</Tag>}
                {r.latestVersion !== r.publishedVersion && <Tag color="processing">草稿：第 {r.latestVersion} 版</Tag>}
              </Space>
            ),
          },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ padding: '8px 16px', marginBottom: 0 }}>
        修改规则会生成新的草稿版本；只有全部参考家庭的测算结果与预期一致时才能发布。
      </Typography.Paragraph>
    </Card>
  );
}
