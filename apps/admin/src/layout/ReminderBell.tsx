import { useEffect, useRef } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { Badge, Button, List, Popover, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { ENDPOINTS, type ReminderKind } from '@zczr/contract';
import { useEndpoint } from '../shared/useEndpoint';

/** Where each kind of reminder is dealt with. */
const LINKS: Readonly<Record<ReminderKind, string>> = {
  review_queue: '/review',
  district_confirm: '/review',
  overdue_tasks: '/board',
  parameter_approvals: '/parameters',
  notices_ending: '/board',
};

/** The header's bell: what is due for the signed-in reviewer, with counts; each item opens its page. */
export function ReminderBell() {
  const navigate = useNavigate();
  const location = useLocation();
  const reminders = useEndpoint(ENDPOINTS.reviewQueue.reminders);
  const { reload } = reminders;
  // Counted again on every page change (a decision made elsewhere changes them) and every five minutes.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) first.current = false;
    else reload();
  }, [location.pathname, reload]);
  useEffect(() => {
    const timer = setInterval(reload, 5 * 60_000);
    return () => clearInterval(timer);
  }, [reload]);
  const data = reminders.data;
  const content = (
    <List
      size="small"
      style={{ width: 300 }}
      data-testid="reminders"
      loading={reminders.loading && !data}
      locale={{ emptyText: reminders.error ? reminders.error.message : '暂无待办事项' }}
      dataSource={data?.items ?? []}
      renderItem={(item) => (
        <List.Item
          style={{ cursor: 'pointer', paddingInline: 4 }}
          onClick={() => void navigate(LINKS[item.kind])}
          data-testid={`reminder-${item.kind}`}
          extra={<Badge count={item.count} showZero color={item.count > 0 ? (item.kind === 'overdue_tasks' ? '#cf1322' : '#1677ff') : '#d9d9d9'} />}
        >
          <div>
            <div>{item.label}</div>
            {item.earliest && item.count > 0 && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {item.kind === 'notices_ending' ? '最早期满' : item.kind === 'parameter_approvals' ? '最早生效' : '最早期限'}：{item.earliest}
              </Typography.Text>
            )}
          </div>
        </List.Item>
      )}
    />
  );
  return (
    <Popover trigger="click" placement="bottomRight" title="待办提醒" content={content}>
      <Badge count={data?.total ?? 0} size="small" overflowCount={99}>
        <Button type="text" icon={<BellOutlined style={{ fontSize: 18 }} />} aria-label="待办提醒" data-testid="reminder-bell" />
      </Badge>
    </Popover>
  );
}
