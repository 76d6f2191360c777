import { useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  Alert,
  App,
  Breadcrumb,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Input,
  Modal,
  Result,
  Row,
  Select,
  Space,
  Spin,
  Statistic,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { CheckCircleFilled, CloseCircleFilled, ExperimentOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import { checkReferences, validateRule, type PolicyDefinition, type ReferenceCheck, type Rule } from '@zczr/eligibility';
import { ApiError, request } from '../../api/client';
import { useUnsavedChangesPrompt } from '../../shared/useUnsavedChangesPrompt';
import { useEndpoint } from '../../shared/useEndpoint';
import { DiffTable } from '../../shared/DiffTable';
import { diffValues } from '@zczr/domain';
import { formatDateTime, parameterRegionName, smallCount } from '../../shared/labels';
import { useUser } from '../../auth/session';
import type { FieldChange } from '@zczr/domain';
import { definitionPathLabel, definitionValue, factLabel } from './labels';
import { RuleEditor } from './RuleEditor';
import { ENDPOINTS, labelOf, OUTCOME_LABELS, POLICY_GROUP_LABELS, type PolicyVersion, type PolicyPreview as Preview } from '@zczr/contract';

const STATUS_TAGS = { draft: <Tag color="processing">草稿</Tag>, published: <Tag color="success">生效中</Tag>, superseded: <Tag>已被替代</Tag> } as const;

function ReferenceResults({ checks, error }: { checks: ReferenceCheck[]; error: string | null }) {
  if (error) return <Alert type="error" showIcon title="规则暂不能测算" description={error} />;
  const failing = checks.filter((c) => !c.ok).length;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="reference-results">
      {failing ? (
        <Alert type="error" showIcon title={`${failing} 个参考家庭的结果与预期不符，修正前不能发布`} />
      ) : (
        <Alert type="success" showIcon title={`全部 ${checks.length} 个参考家庭结果与预期一致`} />
      )}
      <Table<ReferenceCheck>
        size="small"
        rowKey="label"
        pagination={false}
        dataSource={checks}
        columns={[
          {
            title: '',
            width: 32,
            render: (_, c) => (c.ok ? <CheckCircleFilled style={{ color: '#52c41a' }} /> : <CloseCircleFilled style={{ color: '#ff4d4f' }} />),
          },
          { title: '参考家庭', dataIndex: 'label' },
          { title: '预期', dataIndex: 'expected', width: 70, render: (v: string) => labelOf(OUTCOME_LABELS, v) },
          {
            title: '实际',
            dataIndex: 'actual',
            width: 70,
            render: (v: string, c) => <Typography.Text type={c.ok ? undefined : 'danger'}>{labelOf(OUTCOME_LABELS, v)}</Typography.Text>,
          },
        ]}
        expandable={{
          expandedRowRender: (c) => (
            <Typography.Text type="secondary">
              {c.summary}
              {c.missing.length ? `（缺：${c.missing.map(factLabel).join('、')}）` : ''}
            </Typography.Text>
          ),
        }}
      />
    </Space>
  );
}

function PreviewPanel({ preview }: { preview: Preview }) {
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="preview-result">
      <Row gutter={16}>
        <Col span={6}>
          <Statistic title="当前符合" value={smallCount(preview.eligibleBefore)} />
        </Col>
        <Col span={6}>
          <Statistic title="修改后符合" value={smallCount(preview.eligibleAfter)} />
        </Col>
        <Col span={6}>
          <Statistic title="新增符合" value={smallCount(preview.newlyEligible)} styles={{ content: { color: '#389e0d' } }} />
        </Col>
        <Col span={6}>
          <Statistic title="不再符合" value={smallCount(preview.noLongerEligible)} styles={{ content: { color: '#cf1322' } }} />
        </Col>
      </Row>
      <Typography.Text type="secondary">
        基于最近一次筛查的 {preview.households.toLocaleString('zh-CN')} 户数据测算，用时 {preview.tookMs} 毫秒；修改后信息不全{' '}
        {smallCount(preview.unknownAfter)} 户。少于 5 户的数字显示为“&lt;5”。
      </Typography.Text>
      <Table
        size="small"
        rowKey="streetCode"
        pagination={false}
        dataSource={preview.byStreet}
        data-testid="preview-streets"
        columns={[
          { title: '街道', dataIndex: 'streetName' },
          { title: '新增符合', dataIndex: 'newlyEligible', align: 'right', render: smallCount },
          { title: '不再符合', dataIndex: 'noLongerEligible', align: 'right', render: smallCount },
          { title: '修改后符合', dataIndex: 'eligibleAfter', align: 'right', render: smallCount },
          { title: '信息不全', dataIndex: 'unknownAfter', align: 'right', render: smallCount },
        ]}
      />
      <Card size="small" title="样例家庭">
        {preview.sample.length ? (
          <Space wrap>
            {preview.sample.map((s, i) => (
              <Link key={s.householdId} to={`/households/${s.householdId}`}>
                <Tag color={s.change === 'newly_eligible' ? 'green' : 'red'}>
                  {s.change === 'newly_eligible' ? '新增符合' : '不再符合'} ·{' '}
                  {preview.byStreet.find((b) => b.streetCode === s.streetCode)?.streetName ?? '本区'}样例 {i + 1}
                </Tag>
              </Link>
            ))}
          </Space>
        ) : (
          <Typography.Text type="secondary">没有结果发生变化的家庭</Typography.Text>
        )}
      </Card>
    </Space>
  );
}

function VersionsPanel({ code, versions }: { code: string; versions: PolicyVersion[] }) {
  const sorted = [...versions].sort((a, b) => b.version - a.version);
  const [pair, setPair] = useState<[number, number] | null>(sorted.length > 1 ? [sorted[1]!.version, sorted[0]!.version] : null);
  const [diff, setDiff] = useState<FieldChange[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!pair) return;
    const ctrl = new AbortController();
    setDiff(null);
    Promise.all(pair.map((version) => request(ENDPOINTS.policies.version, { params: { code, version }, signal: ctrl.signal })))
      .then(([a, b]) => setDiff(diffValues(a!.definition, b!.definition)))
      .catch((e: unknown) => {
        if (!ctrl.signal.aborted) setError(e instanceof ApiError ? e.message : '加载失败');
      });
    return () => ctrl.abort();
  }, [code, pair]);
  const options = sorted.map((v) => ({ value: v.version, label: `第 ${v.version} 版` }));
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Table<PolicyVersion>
        size="small"
        rowKey="version"
        pagination={false}
        dataSource={sorted}
        data-testid="versions-table"
        columns={[
          { title: '版本', dataIndex: 'version', width: 90, render: (v: number) => `第 ${v} 版` },
          { title: '状态', dataIndex: 'status', width: 100, render: (s: PolicyVersion['status']) => STATUS_TAGS[s] },
          { title: '修改说明', dataIndex: 'changeNote', render: (v: string | null) => v ?? '—' },
          { title: '保存时间', dataIndex: 'createdAt', width: 160, render: formatDateTime },
          { title: '发布时间', dataIndex: 'publishedAt', width: 160, render: formatDateTime },
        ]}
      />
      {sorted.length > 1 && pair ? (
        <Card
          size="small"
          title={
            <Space>
              版本对比
              <Select value={pair[0]} options={options} style={{ width: 110 }} onChange={(v: number) => setPair([v, pair[1]])} />
              →
              <Select value={pair[1]} options={options} style={{ width: 110 }} onChange={(v: number) => setPair([pair[0], v])} />
            </Space>
          }
        >
          {error ? (
            <Alert type="error" title={error} />
          ) : diff ? (
            <DiffTable
              changes={diff}
              beforeTitle={`第 ${pair[0]} 版`}
              afterTitle={`第 ${pair[1]} 版`}
              labelPath={definitionPathLabel}
              formatValue={definitionValue}
            />
          ) : (
            <Spin />
          )}
        </Card>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="只有一个版本，暂无可对比的历史版本" />
      )}
    </Space>
  );
}

/** A policy's rule: edited structurally (or as JSON), checked live against its reference households, previewed, published. */
export default function PolicyEditorPage() {
  const { code = '' } = useParams();
  const user = useUser();
  const { message } = App.useApp();
  const detail = useEndpoint(ENDPOINTS.policies.get, { params: { code } });
  const params = useEndpoint(ENDPOINTS.policies.parameters);
  const [rule, setRule] = useState<Rule | null>(null);
  const [json, setJson] = useState('');
  const [jsonError, setJsonError] = useState<string | null>(null);
  const [tab, setTab] = useState('rule');
  const [preview, setPreview] = useState<Preview | null>(null);
  const [busy, setBusy] = useState<'save' | 'publish' | 'preview' | null>(null);
  const [saveOpen, setSaveOpen] = useState(false);
  const [changeNote, setChangeNote] = useState('');
  const [publishError, setPublishError] = useState<ApiError | null>(null);

  useEffect(() => {
    if (detail.data) {
      setRule(detail.data.definition.rule);
      setJson(JSON.stringify(detail.data.definition.rule, null, 2));
    }
  }, [detail.data]);

  const overview = useEndpoint(ENDPOINTS.parameters.overview);
  const paramOptions = useMemo(() => {
    const inForce = new Map((overview.data?.items ?? []).map((i) => [i.name, i]));
    const district = overview.data?.districtCode ?? '';
    return (params.data ?? []).map((p) => {
      const item = inForce.get(p.name);
      return {
        name: p.name,
        label: p.label,
        unit: p.unit,
        current:
          item && item.currentValue !== null && overview.data
            ? { value: item.currentValue, regionName: parameterRegionName(item.region, district), effectiveFrom: item.effectiveFrom, asOf: overview.data.asOf }
            : null,
      };
    });
  }, [params.data, overview.data]);
  const definition = useMemo<PolicyDefinition | null>(() => (detail.data && rule ? { ...detail.data.definition, rule } : null), [detail.data, rule]);
  const dirty = !!detail.data && !!rule && JSON.stringify(rule) !== JSON.stringify(detail.data.definition.rule);
  const canEdit = user.role === 'district_reviewer';
  useUnsavedChangesPrompt(dirty, '规则');

  const live = useMemo<{ checks: ReferenceCheck[]; error: string | null }>(() => {
    if (!definition || !params.data) return { checks: [], error: null };
    const issues = validateRule(definition.rule, new Set(params.data.map((p) => p.name)));
    if (issues.length)
      return {
        checks: [],
        error: issues
          .slice(0, 5)
          .map((i) => `${i.path}：${i.message}`)
          .join('；'),
      };
    try {
      return { checks: checkReferences(definition, params.data), error: null };
    } catch (e) {
      return { checks: [], error: e instanceof Error ? e.message : String(e) };
    }
  }, [definition, params.data]);

  const changeRule = (r: Rule) => {
    setRule(r);
    setJson(JSON.stringify(r, null, 2));
    setJsonError(null);
    setPreview(null);
  };

  const changeJson = (text: string) => {
    setJson(text);
    try {
      setRule(JSON.parse(text) as Rule);
      setJsonError(null);
      setPreview(null);
    } catch (e) {
      setJsonError(`JSON 格式有误：${e instanceof Error ? e.message : String(e)}`);
    }
  };

  const runPreview = async () => {
    if (!rule) return;
    setBusy('preview');
    try {
      setPreview(await request(ENDPOINTS.policies.preview, { params: { code }, body: { rule, sampleSize: 10 } }));
      setTab('preview');
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '试算失败');
    } finally {
      setBusy(null);
    }
  };

  const save = async () => {
    if (!definition) return;
    setBusy('save');
    try {
      await request(ENDPOINTS.policies.saveDraft, { params: { code }, body: { definition, ...(changeNote.trim() ? { changeNote: changeNote.trim() } : {}) } });
      message.success('已保存为草稿版本');
      setSaveOpen(false);
      setChangeNote('');
      detail.reload();
    } catch (e) {
      message.error(e instanceof ApiError ? `${e.message}${e.details?.length ? `：${e.details.map((d) => d.message).join('；')}` : ''}` : '保存失败');
    } finally {
      setBusy(null);
    }
  };

  const publish = async () => {
    if (!detail.data) return;
    setBusy('publish');
    setPublishError(null);
    try {
      await request(ENDPOINTS.policies.publish, { params: { code }, body: { version: detail.data.latestVersion } });
      message.success(`第 ${detail.data.latestVersion} 版已发布生效，全区家庭将按新规则重新匹配`);
      detail.reload();
    } catch (e) {
      if (e instanceof ApiError) setPublishError(e);
      else message.error('发布失败');
    } finally {
      setBusy(null);
    }
  };

  if (detail.error) return <Result status="404" title="政策不存在" subTitle={detail.error.message} extra={<Link to="/policies">返回政策库</Link>} />;
  const d = detail.data;
  if (!d || !rule)
    return (
      <Spin description="加载中…">
        <div style={{ height: 240 }} />
      </Spin>
    );
  const latest = d.versions.find((v) => v.version === d.latestVersion);
  const hasDraft = latest?.status === 'draft';
  // Drafting and publishing are district work; the API refuses them to anyone else too.
  const canPublish = canEdit;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Breadcrumb items={[{ title: <Link to="/policies">政策库</Link> }, { title: d.name }]} />
      <Card
        size="small"
        title={
          <Space>
            <span data-testid="policy-title">{d.name}</span>
            {d.publishedVersion !== null && <Tag color="success">生效：第 {d.publishedVersion} 版</Tag>}
            {hasDraft && <Tag color="processing">草稿：第 {d.latestVersion} 版</Tag>}
            {dirty && <Tag color="warning">有未保存的修改</Tag>}
          </Space>
        }
        extra={
          <Space>
            {canEdit && (
              <Button
                icon={<ExperimentOutlined />}
                loading={busy === 'preview'}
                disabled={!!live.error || !!jsonError}
                onClick={() => void runPreview()}
                data-testid="run-preview"
              >
                试算预览
              </Button>
            )}
            {canEdit && (
              <Button icon={<SaveOutlined />} disabled={!dirty || !!jsonError} onClick={() => setSaveOpen(true)} data-testid="save-draft">
                保存草稿
              </Button>
            )}
            {canPublish && (
              <Button
                type="primary"
                icon={<SendOutlined />}
                loading={busy === 'publish'}
                disabled={!hasDraft || dirty}
                onClick={() => void publish()}
                data-testid="publish"
                title={dirty ? '请先保存草稿' : !hasDraft ? '没有待发布的草稿' : undefined}
              >
                发布第 {d.latestVersion} 版
              </Button>
            )}
          </Space>
        }
      >
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 4 }}>
          <Descriptions.Item label="类别">{labelOf(POLICY_GROUP_LABELS, d.group)}</Descriptions.Item>
          <Descriptions.Item label="主管部门">{d.department}</Descriptions.Item>
          <Descriptions.Item label="生效日期">{d.definition.effectiveFrom}</Descriptions.Item>
          <Descriptions.Item label="政策代码">{d.code}</Descriptions.Item>
          <Descriptions.Item label="救助内容" span={4}>
            {d.benefit}
          </Descriptions.Item>
        </Descriptions>
        {publishError && (
          <Alert
            type="error"
            showIcon
            closable={{ onClose: () => setPublishError(null) }}
            style={{ marginTop: 12 }}
            data-testid="publish-error"
            title={publishError.code === 'REFERENCES_FAILING' ? `不能发布：${publishError.message}` : publishError.message}
            description={
              publishError.details?.length ? (
                <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                  {publishError.details.map((x) => (
                    <li key={`${x.field}${x.message}`}>
                      {x.field ? `${x.field}：` : ''}
                      {x.message}
                    </li>
                  ))}
                </ul>
              ) : undefined
            }
          />
        )}
        {!canEdit && (
          <Alert
            type="info"
            showIcon
            style={{ marginTop: 12 }}
            data-testid="read-only"
            title="政策规则由区级民政部门起草和发布，您可以查看规则、参考家庭和版本历史。"
          />
        )}
      </Card>
      <Row gutter={16} align="top">
        <Col xs={24} xl={14}>
          <Card size="small">
            <Tabs
              activeKey={tab}
              onChange={setTab}
              items={[
                {
                  key: 'rule',
                  label: '认定规则',
                  children: canEdit ? (
                    <RuleEditor rule={rule} params={paramOptions} onChange={changeRule} />
                  ) : (
                    // Read-only: the native fieldset disables every control inside; no pointer opens a dropdown.
                    <fieldset disabled style={{ border: 0, margin: 0, padding: 0, minWidth: 0, pointerEvents: 'none' }} data-testid="rule-read-only">
                      <RuleEditor rule={rule} params={paramOptions} onChange={changeRule} />
                    </fieldset>
                  ),
                },
                {
                  key: 'json',
                  label: '原始 JSON（高级）',
                  children: (
                    <Space orientation="vertical" style={{ width: '100%' }}>
                      <Typography.Text type="secondary">直接编辑规则的 JSON；格式正确时与左侧结构化编辑器同步。</Typography.Text>
                      <Input.TextArea
                        readOnly={!canEdit}
                        value={json}
                        onChange={(e) => changeJson(e.target.value)}
                        autoSize={{ minRows: 16, maxRows: 40 }}
                        style={{ fontFamily: 'monospace', fontSize: 12 }}
                        spellCheck={false}
                        aria-label="规则 JSON"
                      />
                      {jsonError && <Alert type="error" title={jsonError} />}
                    </Space>
                  ),
                },
                {
                  key: 'preview',
                  label: '试算预览',
                  children: preview ? <PreviewPanel preview={preview} /> : <Empty description="点击右上角“试算预览”，查看修改后各街道符合条件的家庭数变化" />,
                },
                { key: 'versions', label: `版本历史（${d.versions.length}）`, children: <VersionsPanel code={code} versions={d.versions} /> },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title="参考家庭（实时测算）" style={{ position: 'sticky', top: 16 }}>
            {params.loading ? <Spin /> : <ReferenceResults checks={live.checks} error={live.error} />}
          </Card>
        </Col>
      </Row>
      <Modal
        open={saveOpen}
        title="保存为草稿版本"
        okText="保存"
        cancelText="取消"
        onOk={() => void save()}
        okButtonProps={{ loading: busy === 'save', ...({ 'data-testid': 'save-ok' } as Record<`data-${string}`, string>) }}
        onCancel={() => setSaveOpen(false)}
      >
        <Typography.Paragraph type="secondary">已发布的版本不会改变；草稿须在参考家庭全部通过后发布才会生效。</Typography.Paragraph>
        <Input.TextArea
          rows={3}
          value={changeNote}
          onChange={(e) => setChangeNote(e.target.value)}
          placeholder="修改说明，如：低保标准倍数由 1 调整为 1.1"
          maxLength={255}
          showCount
          data-testid="change-note"
        />
      </Modal>
    </Space>
  );
}
