import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, InputNumber, Radio, Space, Table, Tag, Typography } from 'antd';
import { ENDPOINTS, type ApprovalSetting } from '@zczr/contract';
import { ApiError, request } from '../../api/client';
import { useUser } from '../../auth/session';

/**
 * 审批设置: per policy group, who decides (街道审核即决定, or 街道审核 → 区县确认) and how many days the
 * decision is posted (公示) before the benefit takes effect. District staff change it; every change
 * is audited. The tiers are the bureau's configuration (DOMAIN §7), not code.
 */
export default function ApprovalSettingsPage() {
  const user = useUser();
  const editable = user.role === 'district_reviewer';
  const { message } = App.useApp();
  const [rows, setRows] = useState<ApprovalSetting[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [drafts, setDrafts] = useState<Record<string, { tiers: 1 | 2; noticeDays: number }>>({});
  const [saving, setSaving] = useState<string | null>(null);

  const load = useCallback(() => {
    request(ENDPOINTS.approvals.list).then(
      (r) => {
        setRows(r);
        setDrafts({});
      },
      (e: unknown) => setError(e instanceof ApiError ? e.message : '加载失败，请稍后再试'),
    );
  }, []);
  useEffect(load, [load]);

  const draftOf = (r: ApprovalSetting) => drafts[r.policyGroup] ?? { tiers: r.tiers, noticeDays: r.noticeDays };
  const changed = (r: ApprovalSetting) => {
    const d = draftOf(r);
    return d.tiers !== r.tiers || d.noticeDays !== r.noticeDays;
  };
  const save = async (r: ApprovalSetting) => {
    setSaving(r.policyGroup);
    try {
      await request(ENDPOINTS.approvals.update, { params: { group: r.policyGroup }, body: draftOf(r) });
      void message.success(`已保存：${r.groupLabel}`);
      load();
    } catch (e) {
      void message.error(e instanceof ApiError ? e.message : '保存失败，请稍后再试');
    } finally {
      setSaving(null);
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small" title="审批设置：审批层级与公示">
        <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
          按政策类别设置“给予救助”决定的审批方式：一级审批由街道或区县审核即作出决定；两级审批由街道审核后报区县确认。
          设置公示天数的类别，决定先在村（居）公示，公示期满无异议后救助才生效，期间有异议的退回网格员重新核实。
          低保、特困依《最低生活保障审核确认办法》《特困人员认定办法》默认两级审批、公示 7 天。
        </Typography.Paragraph>
        {!editable && <Alert type="info" showIcon style={{ marginBottom: 12 }} title="审批设置由区县民政部门调整，您可以查看。" />}
        {error && <Alert type="error" showIcon title={error} />}
        <Table<ApprovalSetting>
          data-testid="approval-settings"
          size="small"
          rowKey="policyGroup"
          loading={rows === null && !error}
          dataSource={rows ?? []}
          pagination={false}
          columns={[
            { title: '政策类别', dataIndex: 'groupLabel', width: 160 },
            {
              title: '审批层级',
              width: 300,
              render: (_, r) =>
                editable ? (
                  <Radio.Group
                    value={draftOf(r).tiers}
                    onChange={(e) => setDrafts({ ...drafts, [r.policyGroup]: { ...draftOf(r), tiers: e.target.value as 1 | 2 } })}
                    options={[
                      { value: 1, label: '一级审批' },
                      { value: 2, label: '街道审核 → 区县确认' },
                    ]}
                  />
                ) : r.tiers === 2 ? (
                  <Tag color="blue">街道审核 → 区县确认</Tag>
                ) : (
                  <Tag>一级审批</Tag>
                ),
            },
            {
              title: '公示天数',
              width: 160,
              render: (_, r) =>
                editable ? (
                  <InputNumber
                    min={0}
                    max={30}
                    precision={0}
                    value={draftOf(r).noticeDays}
                    addonAfter="天"
                    style={{ width: 120 }}
                    onChange={(v) => setDrafts({ ...drafts, [r.policyGroup]: { ...draftOf(r), noticeDays: Number(v ?? 0) } })}
                  />
                ) : r.noticeDays > 0 ? (
                  `${r.noticeDays} 天`
                ) : (
                  '不公示'
                ),
            },
            { title: '最近调整', render: (_, r) => (r.updatedAt ? r.updatedAt.slice(0, 10) : <Typography.Text type="secondary">默认</Typography.Text>) },
            ...(editable
              ? [
                  {
                    title: '操作',
                    width: 100,
                    render: (_: unknown, r: ApprovalSetting) => (
                      <Button size="small" type="primary" disabled={!changed(r)} loading={saving === r.policyGroup} onClick={() => void save(r)}>
                        保存
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
    </Space>
  );
}
