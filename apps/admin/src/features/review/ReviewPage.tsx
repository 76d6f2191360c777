import { useCallback, useEffect, useMemo, useState } from 'react';
import { App, Alert, Badge, Button, Card, Empty, Form, Input, Modal, Radio, Select, Space, Spin, Table, Tag, Tooltip, Typography } from 'antd';
import { CheckOutlined, CloseOutlined, ReloadOutlined, RollbackOutlined } from '@ant-design/icons';
import { ApiError, request } from '../../api/client';
import { useEndpoint } from '../../shared/useEndpoint';
import { formatDateTime, RISK_TAG_COLOURS } from '../../shared/labels';
import {
  DECISION_KINDS,
  DECISION_LABELS,
  ENDPOINTS,
  type ApprovalSetting,
  type ReviewItemKind,
  type ReviewQueueItem as QueueItem,
  type SubmissionDecision as Action,
  type TaskDecisionBody,
} from '@zczr/contract';
import { SubmissionDetail } from './SubmissionDetail';
import { TaskDetail } from './TaskDetail';

type KindFilter = 'all' | ReviewItemKind;

interface ReasonForm {
  reason: string;
}
type DecisionForm = TaskDecisionBody;

const isTyping = (e: KeyboardEvent): boolean => {
  const t = e.target as HTMLElement | null;
  return !!t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.isContentEditable || t.closest('.ant-select') !== null);
};

function ChecksCell({ item }: { item: QueueItem }) {
  if (!item.checks) return <Tag>入户核实</Tag>;
  if (item.clean) return <Tag color="success">检查通过</Tag>;
  return (
    <Space size={2}>
      {item.checks.fail > 0 && <Tag color="error">{item.checks.fail} 项未通过</Tag>}
      {item.checks.warn > 0 && <Tag color="warning">{item.checks.warn} 项提示</Tag>}
    </Space>
  );
}

/** The reviewer's workbench: the queue on the left, the selected item with its evidence on the right. */
/** A form that fails validation shows its messages under the fields; the rejected promise is expected. */
const ignoreInvalid = (): void => undefined;

export default function ReviewPage() {
  const { message, modal } = App.useApp();
  const [kind, setKind] = useState<KindFilter>('all');
  const queue = useEndpoint(ENDPOINTS.reviewQueue.list, { query: kind === 'all' ? {} : { kind } });
  const items = useMemo(() => queue.data?.items ?? [], [queue.data]);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [checked, setChecked] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [dialog, setDialog] = useState<'return' | 'reject' | 'accept' | null>(null);
  const [reasonForm] = Form.useForm<ReasonForm>();
  const [decisionForm] = Form.useForm<DecisionForm>();
  const decisionKind = Form.useWatch('kind', decisionForm);

  const selected = items.find((i) => i.id === selectedId) ?? null;
  // Keep a selection: the first item when nothing (or something gone) is selected.
  useEffect(() => {
    if (items.length && !items.some((i) => i.id === selectedId)) setSelectedId(items[0]!.id);
    if (!items.length) setSelectedId(null);
  }, [items, selectedId]);

  const submission = useEndpoint(ENDPOINTS.submissions.get, selected?.kind === 'submission' ? { params: { id: selected.id } } : null);
  const task = useEndpoint(ENDPOINTS.tasks.get, selected?.kind === 'task' ? { params: { id: selected.id } } : null);
  const household = useEndpoint(ENDPOINTS.households.get, selected?.kind === 'task' ? { params: { id: selected.householdId } } : null);
  const policies = useEndpoint(ENDPOINTS.policies.list, dialog === 'accept' ? { query: {} } : null);
  const approvals = useEndpoint(ENDPOINTS.approvals.list, dialog === 'accept' ? {} : null);
  const grantedPolicy = Form.useWatch('policyCode', decisionForm);

  const move = useCallback(
    (delta: number) => {
      if (!items.length) return;
      const i = Math.max(
        0,
        items.findIndex((x) => x.id === selectedId),
      );
      const next = items[Math.min(items.length - 1, Math.max(0, i + delta))];
      if (next) {
        setSelectedId(next.id);
        document.querySelector(`[data-row-key="${next.id}"]`)?.scrollIntoView({ block: 'nearest' });
      }
    },
    [items, selectedId],
  );

  /** After a decision: on to the next item, and the queue reloaded. */
  const done = useCallback(
    (text: string) => {
      message.success(text);
      const i = items.findIndex((x) => x.id === selectedId);
      const next = items[i + 1] ?? items[i - 1];
      setSelectedId(next?.id ?? null);
      setChecked((c) => c.filter((id) => id !== selectedId));
      queue.reload();
    },
    [items, selectedId, message, queue],
  );

  const decide = useCallback(
    async (action: Action, reason?: string) => {
      if (!selected) return;
      setBusy(true);
      try {
        if (selected.kind === 'submission') {
          await request(ENDPOINTS.submissions.review, { params: { id: selected.id }, body: { decision: action, ...(reason ? { reason } : {}) } });
          done(action === 'approve' ? '已审核通过，档案已更新' : action === 'return' ? '已退回申请人' : '已驳回');
        } else {
          await request(ENDPOINTS.tasks.review, { params: { id: selected.id }, body: { outcome: 'return', reason } });
          done('已退回网格员补充核实');
        }
        setDialog(null);
      } catch (e) {
        message.error(e instanceof ApiError ? e.message : '操作失败，请稍后再试');
      } finally {
        setBusy(false);
      }
    },
    [selected, done, message],
  );

  const accept = useCallback(
    async (d: DecisionForm) => {
      if (!selected) return;
      setBusy(true);
      try {
        const after = await request(ENDPOINTS.tasks.review, { params: { id: selected.id }, body: { outcome: 'accept', decision: d } });
        setDialog(null);
        done(
          after.status === 'confirming'
            ? '街道审核已通过，已报区县确认'
            : after.status === 'in_notice'
              ? `决定已作出，公示至 ${after.decision?.notice?.to ?? ''}，期满无异议后生效`
              : '已采纳核实结果，档案已更新并重新匹配政策',
        );
      } catch (e) {
        message.error(e instanceof ApiError ? e.message : '操作失败，请稍后再试');
      } finally {
        setBusy(false);
      }
    },
    [selected, done, message],
  );

  const openReason = useCallback(
    (which: 'return' | 'reject') => {
      if (!selected || (which === 'reject' && selected.kind === 'task')) return;
      reasonForm.resetFields();
      setDialog(which);
    },
    [selected, reasonForm],
  );

  const approve = useCallback(() => {
    if (!selected || busy) return;
    if (selected.kind === 'task') {
      decisionForm.resetFields();
      // 区县确认: the street's proposal is the starting point.
      const p = selected.stage === 'confirm' ? task.data?.proposal : undefined;
      if (p) decisionForm.setFieldsValue({ kind: p.kind, policyCode: p.policyCode, provider: p.provider, reason: p.reason });
      setDialog('accept');
      return;
    }
    if (!selected.clean) {
      modal.confirm({
        title: '自动检查有未通过或提示项',
        content: '确认已逐项核实并仍要通过这条申请吗？通过后变更将直接写入档案。',
        okText: '确认通过',
        cancelText: '再看看',
        onOk: () => decide('approve'),
      });
      return;
    }
    void decide('approve');
  }, [selected, busy, decide, modal, decisionForm, task.data]);

  const bulkApprove = useCallback(async () => {
    setBusy(true);
    try {
      const res = await request(ENDPOINTS.reviewQueue.bulkApprove, { body: { ids: checked } });
      if (res.skipped.length) message.warning(`已通过 ${res.approved.length} 条，跳过 ${res.skipped.length} 条：${res.skipped[0]!.message}`);
      else message.success(`已批量通过 ${res.approved.length} 条申请`);
      setChecked([]);
      queue.reload();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '批量通过失败');
    } finally {
      setBusy(false);
    }
  }, [checked, message, queue]);

  // Keyboard: J/K move, A approve (accept), R return, X reject.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (dialog || busy || isTyping(e) || e.ctrlKey || e.metaKey || e.altKey || document.querySelector('.ant-modal-wrap')) return;
      switch (e.key.toLowerCase()) {
        case 'j':
          move(1);
          break;
        case 'k':
          move(-1);
          break;
        case 'a':
          approve();
          break;
        case 'r':
          openReason('return');
          break;
        case 'x':
          openReason('reject');
          break;
        default:
          return;
      }
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [dialog, busy, move, approve, openReason]);

  const cleanCount = items.filter((i) => i.clean).length;
  const detailLoading = submission.loading || task.loading || household.loading;
  const detailError = submission.error ?? task.error;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small">
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'center', justifyContent: 'space-between' }}>
          <Space wrap>
            <Typography.Title level={4} style={{ margin: 0 }}>
              审核工作台
            </Typography.Title>
            <Badge count={queue.data?.total ?? 0} overflowCount={999} showZero color="#1f5fbf" data-testid="queue-total" />
            <Radio.Group
              value={kind}
              onChange={(e) => setKind(e.target.value as KindFilter)}
              optionType="button"
              size="small"
              options={[
                { value: 'all', label: '全部' },
                { value: 'submission', label: '变更申请' },
                { value: 'task', label: '入户核实' },
              ]}
            />
          </Space>
          <Space wrap>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              快捷键：J / K 上下切换 · A 通过 · R 退回 · X 驳回
            </Typography.Text>
            <Tooltip title={cleanCount ? '勾选左侧“检查通过”的申请后批量通过' : '当前没有自动检查全部通过的申请'}>
              <Button icon={<CheckOutlined />} disabled={!checked.length || busy} onClick={() => void bulkApprove()} data-testid="bulk-approve">
                批量通过{checked.length ? `（${checked.length}）` : ''}
              </Button>
            </Tooltip>
            <Button icon={<ReloadOutlined />} onClick={queue.reload}>
              刷新
            </Button>
          </Space>
        </div>
      </Card>
      {queue.error && <Alert type="error" showIcon title={queue.error.message} />}
      <div style={{ display: 'flex', gap: 16, alignItems: 'flex-start' }}>
        <Card size="small" style={{ width: 440, flex: 'none' }} styles={{ body: { padding: 0 } }}>
          <Table<QueueItem>
            size="small"
            rowKey="id"
            loading={queue.loading}
            dataSource={items}
            pagination={false}
            scroll={{ y: 'calc(100vh - 260px)' }}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="审核队列已清空，暂无待审核事项" /> }}
            rowSelection={{
              selectedRowKeys: checked,
              onChange: (keys) => setChecked(keys.map(String)),
              getCheckboxProps: (r) => ({ disabled: !r.clean, title: r.clean ? '可批量通过' : '须逐条审核' }),
              columnWidth: 36,
            }}
            onRow={(r) => ({ onClick: () => setSelectedId(r.id), style: { cursor: 'pointer', background: r.id === selectedId ? '#e6f0ff' : undefined } })}
            data-testid="review-queue"
            columns={[
              {
                title: '事项',
                render: (_, r) => (
                  <div>
                    <Space size={4} wrap>
                      <Typography.Text strong>{r.headName}</Typography.Text>
                      <Tag color={r.kind === 'task' ? 'purple' : 'geekblue'} style={{ marginInlineEnd: 0 }}>
                        {r.title}
                      </Tag>
                      {r.urgent && (
                        <Tooltip title={r.urgentReasons.join('；')}>
                          <Tag color="red" style={{ marginInlineEnd: 0 }}>
                            加急
                          </Tag>
                        </Tooltip>
                      )}
                      {r.riskColour && r.riskColour !== 'green' && (
                        <Tag color={RISK_TAG_COLOURS[r.riskColour]} style={{ marginInlineEnd: 0 }}>
                          ●
                        </Tag>
                      )}
                    </Space>
                    <div style={{ fontSize: 12, color: '#8c8c8c' }}>
                      {r.streetName} · {formatDateTime(r.submittedAt)}
                      {r.waitingDays > 0 ? ` · 已等待 ${r.waitingDays} 天` : ''}
                    </div>
                  </div>
                ),
              },
              { title: '自动检查', width: 120, render: (_, r) => <ChecksCell item={r} /> },
            ]}
          />
        </Card>
        <Card
          size="small"
          style={{ flex: 1, minWidth: 0 }}
          title={selected ? `${selected.title} · ${selected.headName}` : '审核详情'}
          data-testid="review-detail"
          extra={
            selected && (
              <Space>
                <Button type="primary" icon={<CheckOutlined />} loading={busy} onClick={approve} data-testid="action-approve">
                  {selected.kind === 'task' ? (selected.stage === 'confirm' ? '确认（A）' : '采纳（A）') : '通过（A）'}
                </Button>
                <Button icon={<RollbackOutlined />} disabled={busy} onClick={() => openReason('return')} data-testid="action-return">
                  退回（R）
                </Button>
                {selected.kind === 'submission' && (
                  <Button danger icon={<CloseOutlined />} disabled={busy} onClick={() => openReason('reject')} data-testid="action-reject">
                    驳回（X）
                  </Button>
                )}
              </Space>
            )
          }
        >
          {!selected ? (
            <Empty description="请选择左侧的待审核事项" />
          ) : detailError ? (
            <Alert type="error" showIcon title={detailError.message} />
          ) : detailLoading ? (
            <Spin description="加载中…">
              <div style={{ height: 200 }} />
            </Spin>
          ) : selected.kind === 'submission' && submission.data ? (
            <SubmissionDetail item={selected} submission={submission.data} />
          ) : selected.kind === 'task' && task.data ? (
            <TaskDetail item={selected} task={task.data} household={household.data} />
          ) : null}
        </Card>
      </div>

      <Modal
        open={dialog === 'return' || dialog === 'reject'}
        title={dialog === 'reject' ? '驳回申请' : selected?.kind === 'task' ? '退回网格员补充核实' : '退回申请人补充'}
        okText={dialog === 'reject' ? '确认驳回' : '确认退回'}
        okButtonProps={{ danger: dialog === 'reject', loading: busy, ...({ 'data-testid': 'reason-ok' } as Record<`data-${string}`, string>) }}
        cancelText="取消"
        onCancel={() => setDialog(null)}
        onOk={() => void reasonForm.validateFields().then((v) => decide(dialog === 'reject' ? 'reject' : 'return', v.reason.trim()), ignoreInvalid)}
        destroyOnHidden
      >
        <Form form={reasonForm} layout="vertical" preserve={false}>
          <Form.Item
            name="reason"
            label={dialog === 'reject' ? '驳回理由（申请人可见）' : '退回理由：请写明需补充或更正的内容'}
            rules={[
              { required: true, whitespace: true, message: '请填写理由' },
              { min: 2, max: 500, message: '理由须为 2–500 字' },
            ]}
          >
            <Input.TextArea rows={4} autoFocus placeholder="如：请补充近 6 个月的工资流水和失业登记证明" data-testid="reason-input" />
          </Form.Item>
        </Form>
      </Modal>

      <Modal
        open={dialog === 'accept'}
        title={selected?.stage === 'confirm' ? '区县确认处置决定' : '采纳核实结果并记录处置决定'}
        okText={selected?.stage === 'confirm' ? '确认决定' : '确认采纳'}
        cancelText="取消"
        okButtonProps={{ loading: busy }}
        onCancel={() => setDialog(null)}
        onOk={() => void decisionForm.validateFields().then(accept, ignoreInvalid)}
        destroyOnHidden
      >
        <Form form={decisionForm} layout="vertical" preserve={false}>
          <Form.Item name="kind" label="处置决定" rules={[{ required: true, message: '请选择处置决定' }]}>
            <Radio.Group options={DECISION_KINDS.map((value) => ({ value, label: DECISION_LABELS[value] }))} />
          </Form.Item>
          {decisionKind === 'benefit_granted' && (
            <Form.Item name="policyCode" label="救助政策" rules={[{ required: true, message: '请选择救助政策' }]}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                loading={policies.loading}
                options={(policies.data ?? []).map((p) => ({ value: p.code, label: p.name }))}
                placeholder="选择政策"
              />
            </Form.Item>
          )}
          {decisionKind === 'benefit_granted' && grantedPolicy && (
            <ApprovalHint
              setting={approvals.data?.find((a) => a.policyGroup === policies.data?.find((p) => p.code === grantedPolicy)?.group)}
              confirming={selected?.stage === 'confirm'}
            />
          )}
          {decisionKind === 'referral' && (
            <Form.Item name="provider" label="转介机构" rules={[{ required: true, whitespace: true, message: '请填写转介机构' }]}>
              <Input placeholder="如：温江区社会工作服务中心" />
            </Form.Item>
          )}
          <Form.Item name="reason" label="理由" rules={[{ required: decisionKind === 'no_action', whitespace: true, message: '不予处置须填写理由' }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}

/** What happens after this decision, as the bureau configured the policy's group (审批设置). */
function ApprovalHint({ setting, confirming }: { setting: ApprovalSetting | undefined; confirming: boolean }) {
  if (!setting) return null;
  const steps: string[] = [];
  if (setting.tiers === 2 && !confirming) steps.push(`${setting.groupLabel}实行两级审批：街道审核通过后报区县确认，确认前档案不变`);
  if (setting.noticeDays > 0)
    steps.push(`${confirming || setting.tiers === 1 ? '决定作出后' : '区县确认后'}在村（居）公示 ${setting.noticeDays} 天，期满无异议救助才生效`);
  if (!steps.length) return null;
  return <Alert type="info" showIcon style={{ marginBottom: 16 }} title={steps.join('；')} data-testid="approval-hint" />;
}
