import { useState } from 'react';
import { App, Button, Typography } from 'antd';
import { ENDPOINTS } from '@zczr/contract';
import { request } from '../../api/client';
import { ReasonModal } from '../../shared/ReasonModal';

/** 登记异议: an objection raised during 公示 reopens the investigation (the task goes back to the grid worker). */
export function ObjectionButton({ taskId, onDone }: { taskId: string; onDone: () => void }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size="small" danger onClick={() => setOpen(true)} data-testid="objection">
        登记异议
      </Button>
      {open && (
        <ReasonModal
          title="公示期间登记异议"
          okText="登记并退回重新核实"
          intro={<Typography.Paragraph type="secondary">登记后救助暂不生效，任务退回网格员重新入户核实，核实结果再按审批流程办理。</Typography.Paragraph>}
          label="异议内容"
          placeholder="如：群众反映其子女在外经营门店"
          maxLength={500}
          failed="登记失败，请稍后再试"
          send={(reason) => request(ENDPOINTS.tasks.objection, { params: { id: taskId }, body: { reason } })}
          onClose={(changed) => {
            setOpen(false);
            if (!changed) return;
            void message.success('已登记异议，任务已退回网格员重新核实');
            onDone();
          }}
        />
      )}
    </>
  );
}
