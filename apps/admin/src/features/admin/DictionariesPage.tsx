import { Alert, Card, Col, Input, Row, Table, Typography } from 'antd';
import { useState } from 'react';
import { ENDPOINTS, type Dictionary } from '@zczr/contract';
import { useEndpoint } from '../../shared/useEndpoint';

/** The shared enumerations and their Chinese labels, read-only (they are part of the API and the rules). */
export default function DictionariesPage() {
  const list = useEndpoint(ENDPOINTS.admin.dictionaries);
  const [selected, setSelected] = useState<string>('role');
  const [filter, setFilter] = useState('');
  const dict = list.data?.find((d) => d.code === selected);
  const shown = (list.data ?? []).filter((d) => !filter || d.name.includes(filter) || d.code.includes(filter));
  return (
    <Card title="数据字典" size="small">
      <Typography.Paragraph type="secondary">
        以下枚举值由系统代码定义（接口与规则都依赖这些取值），此处只读。随地区和年度变化的数据——政策参数（如低保标准）、预警规则与阈值——保存在数据库中，分别在“政策库”和监测设置中维护。
      </Typography.Paragraph>
      {list.error && <Alert type="error" showIcon title={list.error.message} />}
      <Row gutter={16}>
        <Col xs={24} md={9}>
          <Input.Search allowClear placeholder="字典名称" onChange={(e) => setFilter(e.target.value.trim())} style={{ marginBottom: 8 }} />
          <Table<Dictionary>
            rowKey="code"
            size="small"
            loading={list.loading}
            dataSource={shown}
            pagination={false}
            data-testid="dictionaries"
            onRow={(d) => ({ onClick: () => setSelected(d.code), style: { cursor: 'pointer', background: d.code === selected ? '#e6f4ff' : undefined } })}
            columns={[
              { title: '字典', dataIndex: 'name' },
              { title: '代码', dataIndex: 'code', render: (c: string) => <Typography.Text code>{c}</Typography.Text> },
              { title: '项数', key: 'n', align: 'right', render: (_: unknown, d) => d.items.length },
            ]}
          />
        </Col>
        <Col xs={24} md={15}>
          {dict && (
            <>
              <Typography.Title level={5}>{dict.name}</Typography.Title>
              <Typography.Text type="secondary">来源：{dict.source}</Typography.Text>
              <Table
                rowKey="value"
                size="small"
                dataSource={dict.items}
                pagination={false}
                style={{ marginTop: 8 }}
                columns={[
                  { title: '取值', dataIndex: 'value', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
                  { title: '中文名称', dataIndex: 'label' },
                ]}
              />
            </>
          )}
        </Col>
      </Row>
    </Card>
  );
}
