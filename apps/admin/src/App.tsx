import { useEffect, useState } from 'react';
import { Card, Layout, Tag, Typography } from 'antd';

type DbState = 'loading' | 'ok' | 'error';

/** Asks the API whether it (and its database) is healthy. */
async function fetchHealth(signal: AbortSignal): Promise<DbState> {
  const res = await fetch('/api/health', { signal, headers: { Accept: 'application/json' } });
  if (!res.ok) return 'error';
  const body = (await res.json()) as { status?: unknown };
  return body.status === 'ok' ? 'ok' : 'error';
}

function DbStatusTag({ state }: { state: DbState }) {
  switch (state) {
    case 'loading':
      return <Tag data-testid="db-status">检查中…</Tag>;
    case 'ok':
      return <Tag color="success" data-testid="db-status">正常</Tag>;
    case 'error':
      return <Tag color="error" data-testid="db-status">异常</Tag>;
  }
}

export function App() {
  const [db, setDb] = useState<DbState>('loading');

  useEffect(() => {
    const ctrl = new AbortController();
    fetchHealth(ctrl.signal).then(setDb, () => {
      if (!ctrl.signal.aborted) setDb('error');
    });
    return () => ctrl.abort();
  }, []);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center' }}>
        <Typography.Title level={3} style={{ color: '#fff', margin: 0 }} data-testid="app-title">
          政策找人 · 民政工作台
        </Typography.Title>
      </Layout.Header>
      <Layout.Content style={{ padding: 24 }}>
        <Card title="系统状态" style={{ maxWidth: 480 }}>
          <p>
            数据库状态：<DbStatusTag state={db} />
          </p>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            这是工作台的占位页面，完整的民政工作台功能将在后续版本中提供。
          </Typography.Paragraph>
        </Card>
      </Layout.Content>
    </Layout>
  );
}
