import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, Progress, Row, Select, Space, Statistic, Table, Tag, Typography, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined, ReloadOutlined } from '@ant-design/icons';
import { ApiError, download, request, upload } from '../../api/client';
import { ListTable } from '../../shared/ListTable';
import { useEndpoint } from '../../shared/useEndpoint';
import { formatDateTime } from '../../shared/labels';
import { ENDPOINTS, IMPORT_COLUMN_TYPE_LABELS, labelOf, type ImportErrorRow as ErrorRow, type ImportRun } from '@zczr/contract';

const STATUS_COLOUR: Record<ImportRun['status'], string> = {
  running: 'processing',
  completed: 'success',
  rejected: 'error',
  failed: 'error',
  cancelled: 'default',
};

/** Department data files: upload, progress, the rows not taken and why; the import history. */
export default function ImportsPage() {
  const { message } = App.useApp();
  const sources = useEndpoint(ENDPOINTS.imports.sources);
  const [source, setSource] = useState<string>('medical_settlement');
  const [page, setPage] = useState(1);
  const history = useEndpoint(ENDPOINTS.imports.list, { query: { page, pageSize: 10 } });
  const [current, setCurrent] = useState<ImportRun | null>(null);
  const [uploading, setUploading] = useState(false);
  const spec = sources.data?.find((s) => s.code === source);
  const reloadHistory = history.reload;

  // Follow a running import until it is done.
  useEffect(() => {
    if (!current || current.status !== 'running') return;
    const timer = setTimeout(() => {
      request(ENDPOINTS.imports.get, { params: { id: current.id } }).then(
        (r) => {
          setCurrent(r);
          if (r.status !== 'running') reloadHistory();
        },
        () => undefined,
      );
    }, 500);
    return () => clearTimeout(timer);
  }, [current, reloadHistory]);

  const startImport = async (file: File) => {
    setUploading(true);
    try {
      setCurrent(await upload(ENDPOINTS.imports.start, { field: 'file', blob: file }, { params: { source }, body: {} }));
      reloadHistory();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '上传失败');
    } finally {
      setUploading(false);
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Row gutter={16}>
        <Col xs={24} xl={12}>
          <Card title="导入部门数据" size="small">
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Space>
                数据来源
                <Select
                  style={{ width: 320 }}
                  value={source}
                  onChange={setSource}
                  loading={sources.loading}
                  data-testid="import-source"
                  options={(sources.data ?? []).map((s) => ({ value: s.code, label: `${s.label}（${s.department}）` }))}
                />
              </Space>
              <div data-testid="import-upload">
                <Upload.Dragger
                  accept=".csv,.xlsx"
                  multiple={false}
                  showUploadList={false}
                  disabled={uploading}
                  beforeUpload={(file) => {
                    void startImport(file);
                    return false;
                  }}
                >
                  <p className="ant-upload-drag-icon">
                    <InboxOutlined />
                  </p>
                  <p className="ant-upload-text">点击或拖入文件上传</p>
                  <p className="ant-upload-hint">CSV（UTF-8）或 Excel（.xlsx），首行为表头；同一文件重复导入不会重复计入。</p>
                </Upload.Dragger>
              </div>
            </Space>
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card
            title={spec ? `${spec.label} 的列` : '文件的列'}
            size="small"
            extra={
              spec && (
                <Button
                  size="small"
                  icon={<DownloadOutlined />}
                  data-testid="download-template"
                  onClick={() =>
                    void download(ENDPOINTS.imports.template, `${spec.label}导入模板.csv`, { params: { source: spec.code } }).catch((e: unknown) =>
                      message.error(e instanceof ApiError ? e.message : '下载失败'),
                    )
                  }
                >
                  下载导入模板
                </Button>
              )
            }
          >
            <Table
              rowKey="key"
              size="small"
              pagination={false}
              dataSource={spec?.columns ?? []}
              columns={[
                { title: '表头', dataIndex: 'label' },
                { title: '类型', dataIndex: 'type', render: (t: string) => labelOf(IMPORT_COLUMN_TYPE_LABELS, t) },
                { title: '必填', dataIndex: 'required', render: (r: boolean) => (r ? '是' : '否') },
              ]}
            />
          </Card>
        </Col>
      </Row>

      {current && <ImportResult run={current} />}

      <Card
        title="导入记录"
        size="small"
        extra={
          <Button size="small" icon={<ReloadOutlined />} onClick={history.reload}>
            刷新
          </Button>
        }
      >
        {history.error && <Alert type="error" showIcon title={history.error.message} />}
        <ListTable<ImportRun>
          tableKey="import-runs"
          actionsWidth={80}
          actions={(r) => [{ label: '查看', onClick: () => setCurrent(r) }]}
          rowKey="id"
          size="small"
          loading={history.loading}
          dataSource={history.data?.items ?? []}
          pagination={{ current: page, pageSize: 10, total: history.data?.total ?? 0, onChange: setPage, showTotal: (n) => `共 ${n} 次` }}
          columns={[
            { title: '开始时间', dataIndex: 'startedAt', render: (v: string) => formatDateTime(v) },
            { title: '来源', dataIndex: 'sourceLabel' },
            { title: '文件', dataIndex: 'fileName', ellipsis: true },
            { title: '状态', dataIndex: 'status', render: (s: ImportRun['status'], r) => <Tag color={STATUS_COLOUR[s]}>{r.statusLabel}</Tag> },
            { title: '读取', dataIndex: 'processedRows', align: 'right' },
            { title: '导入', dataIndex: 'takenRows', align: 'right' },
            {
              title: '错误',
              dataIndex: 'errorRows',
              align: 'right',
              render: (n: number) => (n > 0 ? <Typography.Text type="danger">{n}</Typography.Text> : n),
            },
            { title: '触发预警', dataIndex: 'warningsRaised', align: 'right' },
          ]}
        />
      </Card>
    </Space>
  );
}

function ImportResult({ run }: { run: ImportRun }) {
  const { message } = App.useApp();
  const [page, setPage] = useState(1);
  const done = run.status !== 'running';
  const errors = useEndpoint(ENDPOINTS.imports.errorRows, done && run.errorRows > 0 ? { params: { id: run.id }, query: { page, pageSize: 10 } } : null);
  const downloadErrors = () =>
    download(ENDPOINTS.imports.errorReport, `导入错误报告-${run.fileName.replace(/\.[^.]+$/, '')}.csv`, { params: { id: run.id } }).catch((e: unknown) =>
      message.error(e instanceof ApiError ? e.message : '下载失败'),
    );
  return (
    <Card
      size="small"
      title={`导入：${run.fileName}`}
      data-testid="import-result"
      extra={
        done &&
        run.errorRows > 0 && (
          <Button icon={<DownloadOutlined />} onClick={() => void downloadErrors()} data-testid="download-errors">
            下载错误报告（CSV）
          </Button>
        )
      }
    >
      {!done && <Progress percent={99} status="active" format={() => `已读取 ${run.processedRows} 行`} />}
      {run.error && <Alert type="error" showIcon title={run.error} style={{ marginBottom: 12 }} />}
      <Row gutter={[16, 8]}>
        <Col flex="140px">
          <Statistic
            title="状态"
            valueRender={() => (
              <Tag color={STATUS_COLOUR[run.status]} data-testid="import-status">
                {run.statusLabel}
              </Tag>
            )}
          />
        </Col>
        <Col flex="120px">
          <Statistic title="读取行数" value={run.processedRows} />
        </Col>
        <Col flex="120px">
          <Statistic title="新导入" value={run.takenRows} />
        </Col>
        <Col flex="140px">
          <Statistic title="重复（已导入过）" value={run.duplicateRows} />
        </Col>
        <Col flex="160px">
          <Statistic title="未匹配到在册家庭" value={run.unmatchedRows} />
        </Col>
        <Col flex="120px">
          <Statistic title="校验不通过（行）" value={run.errorRows} styles={{ content: { color: run.errorRows > 0 ? '#cf1322' : undefined } }} />
        </Col>
        <Col flex="120px">
          <Statistic title="触发预警" value={run.warningsRaised} />
        </Col>
      </Row>
      {done && run.errorRows > 0 && (
        <Table<ErrorRow>
          style={{ marginTop: 12 }}
          rowKey={(r) => `${r.rowNumber}-${r.column}-${r.reason}`}
          size="small"
          loading={errors.loading}
          dataSource={errors.data?.items ?? []}
          data-testid="import-errors"
          pagination={{
            current: page,
            pageSize: 10,
            total: errors.data?.total ?? 0,
            onChange: setPage,
            showTotal: (n) => `共 ${n} 处错误，涉及 ${run.errorRows} 行`,
          }}
          columns={[
            { title: '行号', dataIndex: 'rowNumber', width: 80 },
            { title: '列', dataIndex: 'column', width: 160 },
            { title: '原因', dataIndex: 'reason' },
          ]}
        />
      )}
      {done && run.status === 'completed' && run.errorRows === 0 && <Alert type="success" showIcon title="所有行均已校验通过" style={{ marginTop: 12 }} />}
    </Card>
  );
}
