import { useState } from 'react';
import { App, Button, Input, Modal, Typography } from 'antd';
import { ENDPOINTS } from '@zczr/contract';
import { ApiError, request } from '../../api/client';

/** 登记异议: an objection raised during 公示 reopens the investigation (the task goes back to the grid worker). */
export function ObjectionButton({ taskId, onDone }: { taskId: string; onDone: () => void }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (): Promise<void> => {
    if (reason.trim().length < 2) {
      void message.warning('请填写异议内容');
      return;
    }
    setBusy(true);
    try {
      await request(ENDPOINTS.tasks.objection, { params: { id: taskId }, body: { reason: reason.trim() } });
      void message.success('已登记异议，任务已退回网格员重新核实');
      setOpen(false);
      onDone();
    } catch (e) {
      void message.error(e instanceof ApiError ? e.message : '登记失败，请稍后再试');
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button size="small" danger onClick={() => setOpen(true)} data-testid="objection">
        登记异议
      </Button>
      <Modal
        title="公示期间登记异议"
        open={open}
        okText="登记并退回重新核实"
        cancelText="取消"
        confirmLoading={busy}
        onOk={() => void submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">登记后救助暂不生效，任务退回网格员重新入户核实，核实结果再按审批流程办理。</Typography.Paragraph>
        <Input.TextArea rows={3} maxLength={500} placeholder="如：群众反映其子女在外经营门店" value={reason} onChange={(e) => setReason(e.target.value)} />
      </Modal>
    </>
  );
}
