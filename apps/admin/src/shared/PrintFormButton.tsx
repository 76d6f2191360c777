import { PrinterOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { ENDPOINTS, pathOf } from '@zczr/contract';
import { ApiError, apiBlobUrl } from '../api/client';

/**
 * Opens a printable form (a PDF from the API) in a new tab. The tab is opened at the click, before the
 * file arrives, so no popup blocker stops it; the file comes with the token as a blob URL.
 */
export function PrintFormButton({ path, label, testId }: { path: string; label: string; testId?: string }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const open = async (): Promise<void> => {
    const tab = window.open('', '_blank');
    if (!tab) {
      void message.warning('浏览器阻止了新窗口，请允许本站弹出窗口后重试');
      return;
    }
    setBusy(true);
    try {
      const url = await apiBlobUrl(path);
      tab.location.href = url;
      // The tab has loaded the file by then; the URL is not needed after.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (e) {
      tab.close();
      void message.error(e instanceof ApiError ? e.message : '生成打印文件失败，请稍后再试');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<PrinterOutlined />} loading={busy} onClick={() => void open()} data-testid={testId}>
      {label}
    </Button>
  );
}

/** 打印入户调查表: the household's survey form, pre-filled as the signed-in user may see it. */
export function PrintSurveyButton({ householdId }: { householdId: string }) {
  return <PrintFormButton path={pathOf(ENDPOINTS.households.surveyForm.path, { id: householdId })} label="打印入户调查表" testId="print-survey" />;
}

/** 打印告知书: the notice of a task's decision, for the family. */
export function PrintNoticeButton({ taskId }: { taskId: string }) {
  return <PrintFormButton path={pathOf(ENDPOINTS.tasks.noticeForm.path, { id: taskId })} label="打印告知书" testId="print-notice" />;
}
