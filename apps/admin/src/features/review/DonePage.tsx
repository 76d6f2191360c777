import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, Card, Tag } from 'antd';
import { ListTable } from '../../shared/ListTable';
import { ENDPOINTS, REVIEW_ITEM_KIND_LABELS, labelOf, type ReviewDoneItem } from '@zczr/contract';
import { useEndpoint } from '../../shared/useEndpoint';
import { formatDateTime } from '../../shared/labels';

/** 已办: what the signed-in reviewer decided (approved, returned, rejected, accepted, proposed, confirmed, objected), newest first. */
export default function DonePage() {
  const [page, setPage] = useState(1);
  const done = useEndpoint(ENDPOINTS.reviewQueue.done, { query: { page, pageSize: 20 } });
  return (
    <Card size="small" styles={{ body: { padding: 0 } }}>
      {done.error && <Alert type="error" showIcon title={done.error.message} style={{ margin: 12 }} />}
      <ListTable<ReviewDoneItem>
        tableKey="review-done"
        title="已办：本人作出的审核与处置"
        exportAs={{ disabled: '已办含户主姓名与住址，请在家庭档案检索中导出（导出留痕）' }}
        actions={(r) => (r.householdId ? [{ label: '查看档案', to: `/households/${r.householdId}` }] : [])}
        actionsWidth={100}
        data-testid="done-table"
        size="small"
        rowKey={(r) => `${r.action}:${r.id}:${r.at}`}
        loading={done.loading}
        dataSource={done.data?.items ?? []}
        locale={{ emptyText: '暂无已办事项' }}
        pagination={{ current: page, pageSize: 20, total: done.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        columns={[
          { title: '办理时间', dataIndex: 'at', width: 170, render: (v: string) => formatDateTime(v) },
          { title: '事项', dataIndex: 'kind', width: 110, render: (k: string) => <Tag>{labelOf(REVIEW_ITEM_KIND_LABELS, k)}</Tag> },
          { title: '办理结果', dataIndex: 'actionLabel', width: 200 },
          {
            title: '户主',
            dataIndex: 'headName',
            width: 120,
            render: (n: string, r) => (r.householdId ? <Link to={`/households/${r.householdId}`}>{n || '查看档案'}</Link> : n || '—'),
          },
          { title: '住址', dataIndex: 'address' },
        ]}
      />
    </Card>
  );
}
