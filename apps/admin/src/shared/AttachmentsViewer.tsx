import { useEffect, useState } from 'react';
import { Empty, Image, Space, Spin, Typography } from 'antd';
import { apiBlobUrl } from '../api/client';
import { useEndpoint } from './useEndpoint';
import { formatDateTime } from './labels';
import { ATTACHMENT_KIND_LABELS, ENDPOINTS, labelOf, type AttachmentView as Attachment } from '@zczr/contract';

/** One image, fetched with the token (each view is audited by the API). */
function AttachmentImage({ attachment }: { attachment: Attachment }) {
  const [url, setUrl] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    const ctrl = new AbortController();
    let objectUrl: string | null = null;
    apiBlobUrl(attachment.contentUrl, ctrl.signal).then(
      (u) => {
        objectUrl = u;
        setUrl(u);
      },
      () => {
        if (!ctrl.signal.aborted) setFailed(true);
      },
    );
    return () => {
      ctrl.abort();
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [attachment.contentUrl]);
  return (
    <div style={{ width: 120 }}>
      <div
        style={{
          width: 120,
          height: 90,
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'center',
          background: '#fafafa',
          border: '1px solid #f0f0f0',
          borderRadius: 6,
          overflow: 'hidden',
        }}
      >
        {url ? (
          <Image src={url} width={120} height={90} style={{ objectFit: 'cover' }} alt={labelOf(ATTACHMENT_KIND_LABELS, attachment.kind)} />
        ) : failed ? (
          <Typography.Text type="secondary">无法加载</Typography.Text>
        ) : (
          <Spin size="small" />
        )}
      </div>
      <Typography.Text style={{ fontSize: 12 }} type="secondary">
        {labelOf(ATTACHMENT_KIND_LABELS, attachment.kind)}
        {attachment.memberIndex !== null ? ` · 成员${attachment.memberIndex + 1}` : ''}
        <br />
        {formatDateTime(attachment.createdAt)}
      </Typography.Text>
    </div>
  );
}

/** The household's supporting documents; `only` narrows to some attachments (e.g. a visit's photos). */
export function AttachmentsViewer({ householdId, only }: { householdId: string; only?: readonly string[] }) {
  const { data, loading, error } = useEndpoint(ENDPOINTS.attachments.list, { query: { householdId } });
  if (loading) return <Spin size="small" />;
  if (error) return <Typography.Text type="danger">{error.message}</Typography.Text>;
  const list = (data ?? []).filter((a) => !only || only.includes(a.id));
  if (list.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无证明材料" />;
  return (
    <Image.PreviewGroup>
      <Space wrap size="middle" data-testid="attachments">
        {list.map((a) => (
          <AttachmentImage key={a.id} attachment={a} />
        ))}
      </Space>
    </Image.PreviewGroup>
  );
}
