import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Alert, Button, Card, Form, Input, Select, Space, Tag, Typography } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { HOUSEHOLD_STATUSES } from '@zczr/domain';
import { useEndpoint } from '../../shared/useEndpoint';
import { ListTable } from '../../shared/ListTable';
import { download } from '../../api/client';
import { formatDateTime, householdStatusLabel, pageTotal, RISK_TAG_COLOURS } from '../../shared/labels';
import {
  ENDPOINTS,
  RISK_COLOUR_LABELS,
  RISK_COLOURS,
  type HouseholdListQuery,
  type HouseholdSummary,
  type PageQuery,
  type RiskColour,
  UNSCORED_LABEL,
} from '@zczr/contract';
import { useRegions } from './useRegions';

type Filters = Omit<HouseholdListQuery, keyof PageQuery>;

/** Household search within the caller's scope. */
export default function HouseholdsPage() {
  const navigate = useNavigate();
  const [form] = Form.useForm<Filters>();
  // A dashboard chart opens this page with its filters in the URL (street, colour, policy).
  const [params] = useSearchParams();
  const [filters, setFilters] = useState<Filters>(() => {
    const colour = params.get('colour');
    return {
      ...(params.get('streetCode') ? { streetCode: params.get('streetCode')! } : {}),
      ...(params.get('communityCode') ? { communityCode: params.get('communityCode')! } : {}),
      ...(colour && (RISK_COLOURS as readonly string[]).includes(colour) ? { colour: colour as RiskColour } : {}),
      ...(params.get('category') ? { category: params.get('category')! } : {}),
    };
  });
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const regions = useRegions();
  const policies = useEndpoint(ENDPOINTS.policies.list, { query: {} });
  const list = useEndpoint(ENDPOINTS.households.list, { query: { ...filters, ...page } });

  const search = (values: Filters) => {
    const clean = Object.fromEntries(
      Object.entries(values)
        .filter(([, v]) => v !== undefined && v !== '')
        .map(([k, v]) => [k, typeof v === 'string' ? v.trim() : v]),
    ) as Filters;
    setFilters(clean);
    setPage((p) => ({ ...p, page: 1 }));
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small" title="家庭档案检索">
        <Form form={form} layout="inline" onFinish={search} initialValues={filters} style={{ rowGap: 12 }}>
          <Form.Item name="name" label="户主姓名">
            <Input allowClear placeholder="姓名开头即可" style={{ width: 140 }} data-testid="filter-name" />
          </Form.Item>
          <Form.Item name="idNumber" label="身份证号" rules={[{ pattern: /^(\d{17}[\dXx])?$/, message: '请输入完整的 18 位身份证号' }]}>
            <Input allowClear placeholder="完整 18 位，精确匹配" style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="address" label="住址">
            <Input allowClear placeholder="住址关键词" style={{ width: 160 }} />
          </Form.Item>
          {regions.streets.length > 1 && (
            <Form.Item name="streetCode" label="街道">
              <Select allowClear placeholder="全部街道" style={{ width: 150 }} options={regions.streets.map((s) => ({ value: s.code, label: s.name }))} />
            </Form.Item>
          )}
          {filters.communityCode && (
            <Form.Item label="社区">
              <Tag closable onClose={() => search({ ...form.getFieldsValue(), communityCode: undefined })} data-testid="filter-community">
                {regions.nameOf(filters.communityCode)}
              </Tag>
            </Form.Item>
          )}
          <Form.Item name="gridId" label="网格">
            <Input allowClear placeholder="网格编号" style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="colour" label="风险颜色">
            <Select
              allowClear
              placeholder="全部"
              style={{ width: 140 }}
              options={RISK_COLOURS.map((c) => ({ value: c, label: RISK_COLOUR_LABELS[c] }))}
              data-testid="filter-colour"
            />
          </Form.Item>
          <Form.Item name="category" label="救助类别">
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="符合某项政策"
              style={{ width: 200 }}
              loading={policies.loading}
              options={(policies.data ?? []).map((p) => ({ value: p.code, label: p.name }))}
            />
          </Form.Item>
          <Form.Item name="status" label="档案状态">
            <Select
              allowClear
              placeholder="全部"
              style={{ width: 120 }}
              options={HOUSEHOLD_STATUSES.map((s) => ({ value: s, label: householdStatusLabel(s) }))}
            />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="search">
                查询
              </Button>
              <Button
                onClick={() => {
                  form.resetFields();
                  search({});
                }}
              >
                重置
              </Button>
            </Space>
          </Form.Item>
        </Form>
      </Card>
      {list.error && <Alert type="error" showIcon title={list.error.message} />}
      <Card size="small" styles={{ body: { padding: 0 } }}>
        <ListTable<HouseholdSummary>
          tableKey="households"
          title="家庭档案"
          exportAs={() => download(ENDPOINTS.households.export, `家庭档案-${new Date().toISOString().slice(0, 10)}.csv`, { query: filters })}
          actions={(r) => [{ label: '查看', to: `/households/${r.id}` }]}
          actionsWidth={80}
          rowKey="id"
          size="middle"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          data-testid="households-table"
          locale={{ emptyText: '没有符合条件的家庭档案' }}
          onRow={(r) => ({ onDoubleClick: () => navigate(`/households/${r.id}`) })}
          pagination={{
            current: page.page,
            pageSize: page.pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: () => pageTotal(list.data, '户'),
            onChange: (p, s) => setPage({ page: p, pageSize: s }),
          }}
          scroll={{ x: 960 }}
          columns={[
            { title: '户主', dataIndex: 'headName', width: 100, render: (v: string, r) => <Link to={`/households/${r.id}`}>{v}</Link> },
            { title: '住址', dataIndex: 'address', ellipsis: true },
            { title: '街道', dataIndex: 'streetCode', width: 110, render: (c: string) => regions.nameOf(c) },
            { title: '社区', dataIndex: 'communityCode', width: 130, ellipsis: true, render: (c: string) => regions.nameOf(c) },
            { title: '网格', dataIndex: 'gridId', width: 130 },
            { title: '人数', dataIndex: 'memberCount', width: 64, align: 'right' },
            {
              title: '风险',
              dataIndex: 'riskColour',
              width: 120,
              render: (c: RiskColour | null) =>
                c ? <Tag color={RISK_TAG_COLOURS[c]}>{RISK_COLOUR_LABELS[c]}</Tag> : <Typography.Text type="secondary">{UNSCORED_LABEL}</Typography.Text>,
            },
            { title: '状态', dataIndex: 'status', width: 90, render: (s: string) => householdStatusLabel(s) },
            { title: '更新时间', dataIndex: 'updatedAt', width: 150, render: (v: string) => formatDateTime(v) },
          ]}
        />
      </Card>
    </Space>
  );
}
