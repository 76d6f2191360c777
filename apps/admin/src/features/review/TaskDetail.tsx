import { Card, Descriptions, Space, Tag, Timeline, Typography } from 'antd';
import { Link } from 'react-router';
import { AttachmentsViewer } from '../../shared/AttachmentsViewer';
import { DiffTable } from '../../shared/DiffTable';
import { PrintNoticeButton } from '../../shared/PrintFormButton';
import { diffValues } from '@zczr/domain';
import { formatDateTime, RISK_TAG_COLOURS } from '../../shared/labels';
import {
  labelOf,
  RISK_COLOUR_LABELS,
  TASK_HISTORY_LABELS,
  TASK_STATUS_LABELS,
  UNSCORED_LABEL,
  VISIT_OUTCOME_LABELS,
  type HouseholdView as Household,
  type ReviewQueueItem as QueueItem,
  type TaskView as Task,
} from '@zczr/contract';

const SECTIONS = ['incomes', 'assets', 'expenses', 'hardships', 'benefits'] as const;

/** What the visit found, as changes against the current record. */
function findingChanges(task: Task, household: Household | undefined) {
  const updates = task.findings?.factUpdates ?? {};
  if (!household) return [];
  const changes = SECTIONS.flatMap((s) => (s in updates ? diffValues(household[s], updates[s], s) : []));
  const members = (updates.members ?? []) as Array<Record<string, unknown> & { position: number }>;
  for (const m of members) {
    const current = household.members[m.position] as unknown as Record<string, unknown> | undefined;
    for (const [k, v] of Object.entries(m)) {
      if (k === 'position') continue;
      changes.push(...diffValues(current?.[k] ?? null, v, `members[${m.position}].${k}`));
    }
  }
  return changes;
}

/** Home-visit findings under review: the visit, the facts found at the door against the record, photos. */
export function TaskDetail({ item, task, household }: { item: QueueItem; task: Task; household: Household | undefined }) {
  const f = task.findings;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {task.decisionKind && <PrintNoticeButton taskId={task.id} />}
      <Descriptions size="small" column={{ xs: 1, lg: 2, xxl: 3 }} bordered styles={{ label: { whiteSpace: 'nowrap' } }}>
        <Descriptions.Item label="户主">
          <Link to={`/households/${item.householdId}`}>{item.headName}</Link>
        </Descriptions.Item>
        <Descriptions.Item label="任务类型">{item.title}</Descriptions.Item>
        <Descriptions.Item label="状态">{TASK_STATUS_LABELS[task.status] ?? task.statusLabel}</Descriptions.Item>
        <Descriptions.Item label="住址" span={2}>
          {item.address}
        </Descriptions.Item>
        <Descriptions.Item label="街道">{item.streetName}</Descriptions.Item>
        <Descriptions.Item label="办理期限">
          {task.dueDate} {task.overdue && <Tag color="red">已超期</Tag>}
        </Descriptions.Item>
        <Descriptions.Item label="入户时间">{formatDateTime(f?.visitedAt)}</Descriptions.Item>
        <Descriptions.Item label="入户结果">
          {f ? (
            <Tag color={(f.outcome ?? 'met') === 'met' ? 'green' : 'orange'} data-testid="visit-outcome">
              {VISIT_OUTCOME_LABELS[f.outcome ?? 'met']}
            </Tag>
          ) : (
            '—'
          )}
        </Descriptions.Item>
        <Descriptions.Item label="风险颜色">
          {item.riskColour ? (
            <Tag color={RISK_TAG_COLOURS[item.riskColour]}>{RISK_COLOUR_LABELS[item.riskColour]}</Tag>
          ) : (
            <Typography.Text type="secondary">{UNSCORED_LABEL}</Typography.Text>
          )}
        </Descriptions.Item>
        <Descriptions.Item label="核实情况" span={3}>
          <Typography.Paragraph style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }}>{f?.notes || '（未填写）'}</Typography.Paragraph>
        </Descriptions.Item>
        <Descriptions.Item label="定位" span={3}>
          {f?.gps
            ? `北纬 ${f.gps.lat.toFixed(4)}，东经 ${f.gps.lng.toFixed(4)}${f.gps.accuracy !== undefined ? `（精度约 ${Math.round(f.gps.accuracy)} 米）` : ''}`
            : '—'}
        </Descriptions.Item>
      </Descriptions>
      <Card size="small" title="核实发现与当前档案对比">
        {task.findingsDiff ? (
          <DiffTable
            changes={task.findingsDiff}
            afterTitle="采纳后"
            labelPath={(p) => task.findingsDiff?.find((c) => c.path === p)?.label ?? p}
            formatValue={(p, v) => {
              const c = task.findingsDiff?.find((x) => x.path === p);
              return c ? (v === c.before ? c.beforeText : c.afterText) : String(v ?? '—');
            }}
          />
        ) : (
          <DiffTable changes={findingChanges(task, household)} afterTitle="入户核实结果" />
        )}
      </Card>
      <Card size="small" title="现场照片">
        {f?.photoIds?.length ? (
          <AttachmentsViewer householdId={task.householdId} only={f.photoIds} />
        ) : (
          <Typography.Text type="secondary">未上传现场照片</Typography.Text>
        )}
      </Card>
      <Card size="small" title="办理经过">
        <Timeline
          items={task.history.map((h) => ({
            content: `${labelOf(TASK_HISTORY_LABELS, h.status)} · ${formatDateTime(h.at)}${h.note ? `（${h.note}）` : ''}`,
          }))}
        />
      </Card>
    </Space>
  );
}
