import { Table, Typography } from 'antd';
import { fieldPathLabel, fieldValueText, type FieldChange } from '@zczr/domain';

/** Field-level changes side by side: the current record on the left, the proposal on the right. */
export function DiffTable({
  changes,
  beforeTitle = '当前档案',
  afterTitle = '申请内容',
  labelPath = fieldPathLabel,
  formatValue = fieldValueText,
}: {
  changes: FieldChange[];
  beforeTitle?: string;
  afterTitle?: string;
  labelPath?: (path: string) => string;
  formatValue?: (path: string, value: unknown) => string;
}) {
  return (
    <Table<FieldChange>
      size="small"
      rowKey="path"
      pagination={false}
      dataSource={changes}
      locale={{ emptyText: '与当前档案相比没有变化' }}
      data-testid="diff-table"
      scroll={{ y: 360 }}
      columns={[
        { title: '字段', dataIndex: 'path', width: '34%', render: (p: string) => labelPath(p) },
        {
          title: beforeTitle,
          dataIndex: 'before',
          width: '33%',
          render: (v: unknown, c) => (
            <Typography.Text type={c.before === null ? 'secondary' : undefined} delete={c.after === null && c.before !== null}>
              {formatValue(c.path, v)}
            </Typography.Text>
          ),
        },
        {
          title: afterTitle,
          dataIndex: 'after',
          width: '33%',
          render: (v: unknown, c) => <span style={{ background: '#f6ffed', padding: '0 4px', borderRadius: 3 }}>{formatValue(c.path, v)}</span>,
        },
      ]}
    />
  );
}
