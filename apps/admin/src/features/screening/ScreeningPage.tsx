import { useCallback, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { Alert, App, Button, Card, Checkbox, Descriptions, Drawer, Modal, Progress, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { DownloadOutlined, PlayCircleOutlined, ReloadOutlined } from '@ant-design/icons';
import { ApiError, download, request, urlOf } from '../../api/client';
import { ListTable } from '../../shared/ListTable';
import { useEndpoint } from '../../shared/useEndpoint';
import { formatDateTime, pageTotal } from '../../shared/labels';
import {
  ENDPOINTS,
  SCREENING_BUCKET_LABELS,
  SCREENING_STATUS_LABELS,
  type FlaggedBucket,
  type FlaggedHousehold,
  type ResponseOf,
  type ScreeningBucket as Category,
  type ScreeningPolicyResult as PolicyResult,
  type ScreeningRun,
} from '@zczr/contract';
import { readEventStream } from './eventStream';

/** antd Tag colours of a run's status (the words are the contract's SCREENING_STATUS_LABELS). */
const STATUS_COLOUR: Record<ScreeningRun['status'], string> = { running: 'processing', completed: 'success', cancelled: 'default', failed: 'error' };

/** Population screening: start a run, watch it live, read the results per policy, drill down, export. */
export default function ScreeningPage() {
  const { message } = App.useApp();
  const [page, setPage] = useState(1);
  const runs = useEndpoint(ENDPOINTS.screenings.list, { query: { page, pageSize: 10 } });
  const [live, setLive] = useState<ScreeningRun | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [acknowledged, setAcknowledged] = useState(false);
  const policies = useEndpoint(ENDPOINTS.policies.list, confirming ? { query: {} } : null);
  const regionTree = useEndpoint(ENDPOINTS.regions.tree, confirming ? {} : null);
  const [streamError, setStreamError] = useState<string | null>(null);
  const watching = useRef<AbortController | null>(null);
  const reloadRuns = runs.reload;

  const watch = useCallback(
    (run: ScreeningRun) => {
      watching.current?.abort();
      const ctrl = new AbortController();
      watching.current = ctrl;
      setLive(run);
      setStreamError(null);
      readEventStream(
        urlOf(ENDPOINTS.screenings.events, { params: { id: run.id } }),
        (e) => {
          if (e.event === 'progress') setLive(JSON.parse(e.data) as ResponseOf<typeof ENDPOINTS.screenings.events>);
        },
        ctrl.signal,
      )
        .then(() => {
          reloadRuns();
          setSelected(run.id);
        })
        .catch((err: unknown) => {
          if (ctrl.signal.aborted) return;
          setStreamError(err instanceof Error ? err.message : '进度连接中断');
        });
    },
    [reloadRuns],
  );

  useEffect(() => () => watching.current?.abort(), []);

  // A run already in progress (started elsewhere, or before a reload): follow it.
  const items = runs.data?.items;
  useEffect(() => {
    const running = items?.find((r) => r.status === 'running');
    if (running && !watching.current) watch(running);
    if (!selected && items?.length) setSelected(items.find((r) => r.status === 'completed')?.id ?? null);
  }, [items, selected, watch]);

  const start = async () => {
    setConfirming(false);
    setStarting(true);
    try {
      const run = await request(ENDPOINTS.screenings.start);
      message.success('筛查已启动');
      watch(run);
      reloadRuns();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '启动失败');
    } finally {
      setStarting(false);
    }
  };

  const running = live?.status === 'running';
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title="人群筛查"
        extra={
          <Button
            type="primary"
            icon={<PlayCircleOutlined />}
            loading={starting}
            disabled={running}
            onClick={() => {
              setAcknowledged(false);
              setConfirming(true);
            }}
            data-testid="start-screening"
          >
            启动全区筛查
          </Button>
        }
      >
        <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
          用所有已发布的政策逐户测算本区在册家庭：找出新增符合条件的家庭、正在享受但已不再符合的家庭（退出候选，含渐退期），以及因信息不全无法判断的家庭。筛查在后台运行，可以离开本页。
        </Typography.Paragraph>
        {live && (
          <div data-testid="screening-progress">
            <Space size="large" wrap>
              <span>本次筛查：{formatDateTime(live.startedAt)}</span>
              <Tag color={STATUS_COLOUR[live.status]} data-testid="screening-status">
                {SCREENING_STATUS_LABELS[live.status]}
              </Tag>
              <span>
                已处理 {live.processed.toLocaleString('zh-CN')} / {live.total.toLocaleString('zh-CN')} 户
              </span>
            </Space>
            <Progress
              percent={live.progress}
              status={live.status === 'failed' ? 'exception' : live.status === 'running' ? 'active' : 'normal'}
              data-testid="screening-percent"
            />
            {live.error && <Alert type="error" showIcon title={`筛查失败：${live.error}`} />}
          </div>
        )}
        {streamError && <Alert type="warning" showIcon title={`${streamError}，请刷新页面查看进度`} />}
      </Card>

      {selected && <RunResults runId={selected} />}

      <Card
        title="历次筛查"
        size="small"
        extra={
          <Button size="small" icon={<ReloadOutlined />} onClick={runs.reload}>
            刷新
          </Button>
        }
      >
        {runs.error && <Alert type="error" showIcon title={runs.error.message} />}
        <ListTable<ScreeningRun>
          tableKey="screening-runs"
          actionsWidth={100}
          actions={(r) => (r.status === 'completed' ? [{ label: '查看结果', onClick: () => setSelected(r.id) }] : [])}
          rowKey="id"
          size="small"
          loading={runs.loading}
          dataSource={runs.data?.items ?? []}
          pagination={{ current: page, pageSize: 10, total: runs.data?.total ?? 0, onChange: setPage, showTotal: (n) => `共 ${n} 次` }}
          rowClassName={(r) => (r.id === selected ? 'ant-table-row-selected' : '')}
          columns={[
            { title: '开始时间', dataIndex: 'startedAt', render: (v: string) => formatDateTime(v) },
            { title: '测算日期', dataIndex: 'asOf' },
            { title: '状态', dataIndex: 'status', render: (s: ScreeningRun['status']) => <Tag color={STATUS_COLOUR[s]}>{SCREENING_STATUS_LABELS[s]}</Tag> },
            { title: '户数', dataIndex: 'processed', align: 'right', render: (n: number) => n.toLocaleString('zh-CN') },
            { title: '完成时间', dataIndex: 'finishedAt', render: (v: string | null) => (v ? formatDateTime(v) : '—') },
          ]}
        />
      </Card>
      <Modal
        open={confirming}
        title="确认启动全区筛查"
        okText="启动筛查"
        cancelText="取消"
        onCancel={() => setConfirming(false)}
        onOk={() => void start()}
        okButtonProps={{ disabled: !acknowledged, ...({ 'data-testid': 'confirm-screening' } as Record<`data-${string}`, string>) }}
      >
        <Descriptions size="small" column={1} bordered data-testid="screening-scope">
          <Descriptions.Item label="筛查范围">
            {regionTree.data?.[0]?.name ?? '本区'}全部在册家庭{items?.[0] ? `（上次 ${items[0].total.toLocaleString('zh-CN')} 户）` : ''}
          </Descriptions.Item>
          <Descriptions.Item label="适用政策">
            全部已发布政策{policies.data ? `（${policies.data.filter((p) => p.publishedVersion !== null).length} 项）` : ''}
          </Descriptions.Item>
          <Descriptions.Item label="结果用途">新增符合、退出候选和信息不全名单；政策试算以本次结果为基础</Descriptions.Item>
        </Descriptions>
        <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
          筛查在后台运行，占用较多计算资源，建议在非办公高峰时段启动；启动操作记入审计日志。
        </Typography.Paragraph>
        <Checkbox checked={acknowledged} onChange={(e) => setAcknowledged(e.target.checked)} data-testid="screening-ack">
          我已确认筛查范围
        </Checkbox>
      </Modal>
    </Space>
  );
}

/** Per-policy results of one run, each count a drill-down; export of the whole run or one cell. */
function RunResults({ runId }: { runId: string }) {
  const { message } = App.useApp();
  const results = useEndpoint(ENDPOINTS.screenings.results, { params: { id: runId } });
  const [drill, setDrill] = useState<{ policy: PolicyResult; category: Category } | null>(null);
  const [exporting, setExporting] = useState(false);

  const exportRun = async (filter: { policyCode?: string; category?: FlaggedBucket } = {}) => {
    setExporting(true);
    try {
      const run = results.data?.run;
      await download(ENDPOINTS.screenings.export, `筛查结果-${run?.asOf ?? ''}${filter.policyCode ? `-${filter.policyCode}` : ''}.xlsx`, {
        params: { id: runId },
        query: filter,
      });
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '导出失败');
    } finally {
      setExporting(false);
    }
  };

  // The live result (eligible) is no flag of the run, so it has no export.
  const flagged = drill && drill.category !== 'eligible' ? { policyCode: drill.policy.policyCode, category: drill.category } : null;

  const cell = (category: Category) => (n: number, p: PolicyResult) =>
    n === 0 ? (
      <Typography.Text type="secondary">0</Typography.Text>
    ) : (
      <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setDrill({ policy: p, category })} data-testid={`drill-${category}`}>
        {n.toLocaleString('zh-CN')}
      </Button>
    );
  const run = results.data?.run;
  return (
    <Card
      title={run ? `筛查结果 · ${run.asOf}（${run.processed.toLocaleString('zh-CN')} 户）` : '筛查结果'}
      extra={
        <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportRun()} data-testid="export-screening">
          导出 Excel
        </Button>
      }
    >
      {results.error && <Alert type="error" showIcon title={results.error.message} />}
      <ListTable<PolicyResult>
        tableKey="screening-results"
        exportAs={() => exportRun()}
        rowKey="policyCode"
        size="small"
        loading={results.loading}
        dataSource={results.data?.policies ?? []}
        pagination={{ pageSize: 15, showTotal: (n) => `共 ${n} 项政策` }}
        data-testid="screening-results"
        columns={[
          { title: '政策', dataIndex: 'policyName', render: (name: string, p) => <Tooltip title={`${p.policyCode} · 第 ${p.version} 版`}>{name}</Tooltip> },
          {
            title: SCREENING_BUCKET_LABELS.eligible,
            dataIndex: 'eligible',
            align: 'right',
            render: cell('eligible'),
            sorter: (a, b) => a.eligible - b.eligible,
          },
          {
            title: SCREENING_BUCKET_LABELS.newly_eligible,
            dataIndex: 'newlyEligible',
            align: 'right',
            render: cell('newly_eligible'),
            sorter: (a, b) => a.newlyEligible - b.newlyEligible,
          },
          {
            title: SCREENING_BUCKET_LABELS.exit_candidate,
            dataIndex: 'exitCandidates',
            align: 'right',
            render: cell('exit_candidate'),
            sorter: (a, b) => a.exitCandidates - b.exitCandidates,
          },
          { title: SCREENING_BUCKET_LABELS.unknown, dataIndex: 'unknown', align: 'right', render: cell('unknown'), sorter: (a, b) => a.unknown - b.unknown },
        ]}
      />
      <Drawer
        open={drill !== null}
        onClose={() => setDrill(null)}
        size={760}
        destroyOnHidden
        title={drill ? `${drill.policy.policyName} · ${SCREENING_BUCKET_LABELS[drill.category]}` : ''}
        extra={
          flagged && (
            <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportRun(flagged)}>
              导出本列表
            </Button>
          )
        }
      >
        {drill && <DrillDown runId={runId} policyCode={drill.policy.policyCode} category={drill.category} />}
      </Drawer>
    </Card>
  );
}

function DrillDown({ runId, policyCode, category }: { runId: string; policyCode: string; category: Category }) {
  const [page, setPage] = useState(1);
  const list = useEndpoint(ENDPOINTS.screenings.households, { params: { id: runId }, query: { policyCode, category, page, pageSize: 20 } });
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">
        {category === 'eligible' ? '当前符合该政策的家庭（实时结果）。' : '本次筛查标记的家庭。'}
        户主姓名已脱敏；点击家庭查看详情与测算说明（查看会记入审计日志）。
      </Typography.Text>
      {list.error && <Alert type="error" showIcon title={list.error.message} />}
      <Table<FlaggedHousehold>
        rowKey="householdId"
        size="small"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        data-testid="drill-table"
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showTotal: () => pageTotal(list.data, '户') }}
        columns={[
          { title: '户主', dataIndex: 'headNameMasked', render: (v: string, h) => <Link to={`/households/${h.householdId}`}>{v}</Link> },
          { title: '人数', dataIndex: 'memberCount', align: 'right' },
          { title: '街道 / 社区', key: 'place', render: (_: unknown, h) => `${h.streetName} ${h.communityName}` },
          { title: '网格', dataIndex: 'gridName' },
          ...(category === 'unknown' ? [{ title: '缺少的信息', dataIndex: 'missingFactLabels', render: (v: string[]) => v.join('、') }] : []),
          ...(category === 'exit_candidate' ? [{ title: '渐退期截止', dataIndex: 'graceUntil', render: (v: string | null) => v ?? '—' }] : []),
        ]}
      />
    </Space>
  );
}
