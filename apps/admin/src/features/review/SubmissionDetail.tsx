import { ConsentCard } from '../../shared/ConsentCard';
import { Alert, Card, Descriptions, Space, Tag, Timeline, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, ExclamationCircleFilled } from '@ant-design/icons';
import { Link } from 'react-router';
import { AttachmentsViewer } from '../../shared/AttachmentsViewer';
import { DiffTable } from '../../shared/DiffTable';
import { formatDateTime, RISK_TAG_COLOURS, roleLabel, submissionStatusLabel } from '../../shared/labels';
import {
  CHECK_LABELS,
  labelOf,
  RISK_COLOUR_LABELS,
  UNSCORED_LABEL,
  type AutoCheck,
  type ReviewQueueItem as QueueItem,
  type SubmissionView as Submission,
} from '@zczr/contract';

const CHECK_ICONS = {
  pass: <CheckCircleFilled style={{ color: '#52c41a' }} />,
  warn: <ExclamationCircleFilled style={{ color: '#faad14' }} />,
  fail: <CloseCircleFilled style={{ color: '#ff4d4f' }} />,
} as const;

export function ChecksList({ checks }: { checks: AutoCheck[] }) {
  return (
    <Space orientation="vertical" size={4} style={{ width: '100%' }} data-testid="auto-checks">
      {checks.map((c) => (
        <div key={c.code} style={{ display: 'flex', gap: 8, alignItems: 'baseline' }}>
          {CHECK_ICONS[c.outcome]}
          <Typography.Text strong style={{ minWidth: 112 }}>
            {labelOf(CHECK_LABELS, c.code)}
          </Typography.Text>
          <Typography.Text type={c.outcome === 'pass' ? 'secondary' : undefined}>{c.message}</Typography.Text>
        </div>
      ))}
    </Space>
  );
}

/** A submission under review: who sent what, the automatic checks, the diff, the papers. */
export function SubmissionDetail({ item, submission }: { item: QueueItem; submission: Submission }) {
  const failing = submission.checks.filter((c) => c.outcome === 'fail').length;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Descriptions size="small" column={{ xs: 1, lg: 2, xxl: 3 }} bordered styles={{ label: { whiteSpace: 'nowrap' } }}>
        <Descriptions.Item label="户主">
          <Link to={`/households/${item.householdId}`}>{item.headName}</Link>
        </Descriptions.Item>
        <Descriptions.Item label="申请类型">{item.title}</Descriptions.Item>
        <Descriptions.Item label="状态">{submissionStatusLabel(submission.status)}</Descriptions.Item>
        <Descriptions.Item label="住址" span={2}>
          {item.address}
        </Descriptions.Item>
        <Descriptions.Item label="街道">{item.streetName}</Descriptions.Item>
        <Descriptions.Item label="提交人">{roleLabel(submission.submittedByRole)}</Descriptions.Item>
        <Descriptions.Item label="提交时间">{formatDateTime(submission.createdAt)}</Descriptions.Item>
        <Descriptions.Item label="风险颜色">
          {item.riskColour ? (
            <Tag color={RISK_TAG_COLOURS[item.riskColour]}>{RISK_COLOUR_LABELS[item.riskColour]}</Tag>
          ) : (
            <Typography.Text type="secondary">{UNSCORED_LABEL}</Typography.Text>
          )}
        </Descriptions.Item>
      </Descriptions>
      {failing > 0 && <Alert type="error" showIcon title={`有 ${failing} 项自动检查未通过，请核实后再决定；无法核实的请退回并说明需补充的材料。`} />}
      <Card size="small" title="自动检查">
        <ChecksList checks={submission.checks} />
      </Card>
      <Card size="small" title={`字段对比（${submission.changes.length} 处变化）`}>
        <DiffTable changes={submission.changes} beforeTitle={submission.kind === 'create' ? '（新建，无当前档案）' : '当前档案'} />
      </Card>
      <ConsentCard householdId={submission.householdId} />
      <Card size="small" title="证明材料">
        <AttachmentsViewer householdId={submission.householdId} />
      </Card>
      <Card size="small" title="办理经过">
        <Timeline
          items={submission.history.map((h) => ({
            content: (
              <span>
                {submissionStatusLabel(h.status)} · {formatDateTime(h.at)}
                {h.reason ? `（理由：${h.reason}）` : ''}
              </span>
            ),
          }))}
        />
      </Card>
    </Space>
  );
}
