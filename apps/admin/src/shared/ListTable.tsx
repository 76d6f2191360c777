import { isValidElement, useMemo, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { Button, Checkbox, Popconfirm, Popover, Space, Table, Tooltip, Typography, message, type TableColumnType, type TableProps } from 'antd';
import { DownloadOutlined, SettingOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { ApiError } from '../api/client';
import { useSession } from '../auth/session';

/** A column of a list page; `key` (or a string `dataIndex`) names it for 列设置. */
export type ListColumn<T> = TableColumnType<T> & {
  /** Text of the cell in an export, when the shown cell is not plain text. */
  exportText?: (row: T) => string;
};

/** One entry of the 操作 column: a link-style button, the same on every table. */
export interface RowAction {
  label: string;
  onClick?: () => void | Promise<unknown>;
  /** A console route to open instead of a click handler. */
  to?: string;
  danger?: boolean;
  disabled?: boolean;
  loading?: boolean;
  tooltip?: string;
  icon?: ReactNode;
  /** Asks first (Popconfirm). */
  confirm?: { title: string; description?: string; okText?: string };
  testId?: string;
}

/**
 * How 导出 works: `'client'` writes the rows the user sees (the loaded page, the visible columns,
 * masked as shown) to a CSV in the browser, for tables without personal data; a function exports
 * through the API, which audits it (household data); `{ disabled }` shows why there is none.
 */
export type ListExport = 'client' | (() => Promise<void>) | { disabled: string };

export interface ListTableProps<T> extends Omit<TableProps<T>, 'columns' | 'title'> {
  /** Names the table for the remembered column settings (per user, in localStorage). */
  tableKey: string;
  title?: ReactNode;
  /** Page-specific buttons, left of 导出 and 列设置. */
  toolbar?: ReactNode;
  columns: ListColumn<T>[];
  /** The 操作 column, last and fixed right; a string is shown as a note instead of buttons. */
  actions?: (row: T) => RowAction[] | string;
  actionsWidth?: number;
  exportAs?: ListExport;
  /** File name of a client export, without the date and extension. */
  exportName?: string;
}

const ACTIONS_KEY = '__actions';

function columnKey<T>(c: ListColumn<T>, i: number): string {
  if (c.key !== undefined) return String(c.key);
  const di = (c as { dataIndex?: unknown }).dataIndex;
  if (typeof di === 'string') return di;
  if (Array.isArray(di)) return di.join('.');
  return typeof c.title === 'string' ? c.title : `col${i}`;
}

/** The words a rendered cell shows (strings and numbers inside elements, in order). */
export function textOf(node: unknown): string {
  if (node === null || node === undefined || typeof node === 'boolean') return '';
  if (typeof node === 'string' || typeof node === 'number') return String(node);
  if (Array.isArray(node)) return node.map(textOf).join('');
  if (isValidElement(node)) {
    const props = node.props as { children?: unknown; title?: unknown };
    return textOf(props.children);
  }
  if (typeof node === 'object' && 'children' in (node as object)) return textOf((node as { children: unknown }).children);
  return '';
}

function csvField(s: string): string {
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return `"${safe.replace(/"/g, '""')}"`;
}

function valueAt(row: object, dataIndex: unknown): unknown {
  if (typeof dataIndex === 'string' || typeof dataIndex === 'number') return (row as Record<string, unknown>)[dataIndex];
  if (Array.isArray(dataIndex)) return dataIndex.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), row);
  return undefined;
}

function saveCsv(name: string, lines: string[]): void {
  const blob = new Blob(['\uFEFF' + lines.join('\r\n') + '\r\n'], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `${name}-${dayjs().format('YYYYMMDD-HHmm')}.csv`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function ActionButton({ action }: { action: RowAction }) {
  const navigate = useNavigate();
  const go = () => (action.to ? navigate(action.to) : action.onClick?.());
  const button = (
    <Button
      type="link"
      size="small"
      icon={action.icon}
      danger={action.danger}
      disabled={action.disabled}
      loading={action.loading}
      data-testid={action.testId}
      onClick={action.confirm ? undefined : () => void go()}
    >
      {action.label}
    </Button>
  );
  const confirmed = action.confirm ? (
    <Popconfirm
      title={action.confirm.title}
      description={action.confirm.description}
      okText={action.confirm.okText ?? '确定'}
      okButtonProps={{ danger: action.danger }}
      cancelText="取消"
      onConfirm={() => go()}
      disabled={action.disabled}
    >
      {button}
    </Popconfirm>
  ) : (
    button
  );
  return action.tooltip ? <Tooltip title={action.tooltip}>{confirmed}</Tooltip> : confirmed;
}

/**
 * The list table of every console page: a toolbar (title, the page's own buttons, 导出, 列设置
 * remembered per user) and one 操作 column in the same place and style everywhere.
 */
export function ListTable<T extends object>({
  tableKey,
  title,
  toolbar,
  columns,
  actions,
  actionsWidth,
  exportAs = 'client',
  exportName,
  ...table
}: ListTableProps<T>) {
  const { user } = useSession();
  const storageKey = `zczr.columns.${user?.id ?? 'anonymous'}.${tableKey}`;
  const [hidden, setHidden] = useState<string[]>(() => {
    try {
      const v: unknown = JSON.parse(localStorage.getItem(storageKey) ?? '[]');
      return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
    } catch {
      return [];
    }
  });
  const [exporting, setExporting] = useState(false);

  const keyed = useMemo(() => columns.map((c, i) => ({ column: c, key: columnKey(c, i) })), [columns]);
  const setHiddenKeys = (keys: string[]) => {
    setHidden(keys);
    try {
      if (keys.length === 0) localStorage.removeItem(storageKey);
      else localStorage.setItem(storageKey, JSON.stringify(keys));
    } catch {
      // Storage full or refused: the setting lasts for this page only.
    }
  };

  const shown = keyed.filter((k) => !hidden.includes(k.key));
  const visibleColumns: TableColumnType<T>[] = shown.map(({ column, key }) => ({ ...column, key }));
  if (actions) {
    visibleColumns.push({
      title: '操作',
      key: ACTIONS_KEY,
      fixed: 'right',
      width: actionsWidth ?? 140,
      render: (_: unknown, row: T) => {
        const list = actions(row);
        if (typeof list === 'string') return <Typography.Text type="secondary">{list}</Typography.Text>;
        if (list.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
        return (
          <Space size={0} wrap className="row-actions">
            {list.map((a) => (
              <ActionButton key={a.label} action={a} />
            ))}
          </Space>
        );
      },
    });
  }

  const rows = (table.dataSource ?? []) as readonly T[];
  const exportClient = () => {
    const header = shown.map(({ column }) => csvField(textOf(column.title)));
    const lines = rows.map((row, i) =>
      shown
        .map(({ column }) => {
          if (column.exportText) return csvField(column.exportText(row));
          const value = valueAt(row, (column as { dataIndex?: unknown }).dataIndex);
          const cell: unknown = column.render ? column.render(value, row, i) : value;
          return csvField(textOf(cell));
        })
        .join(','),
    );
    saveCsv(exportName ?? (typeof title === 'string' ? title : '导出'), [header.join(','), ...lines]);
  };
  const runExport = async () => {
    if (exportAs === 'client') return exportClient();
    if (typeof exportAs !== 'function') return;
    setExporting(true);
    try {
      await exportAs();
    } catch (e) {
      void message.error(e instanceof ApiError ? e.message : '导出失败');
    } finally {
      setExporting(false);
    }
  };
  const exportTip =
    typeof exportAs === 'object'
      ? exportAs.disabled
      : exportAs === 'client'
        ? `导出本页 ${rows.length} 行（与表格所示相同）`
        : '导出当前筛选条件下的全部记录（记入审计日志）';

  const settings = (
    <div style={{ minWidth: 160 }} data-testid="column-settings">
      <Checkbox.Group
        style={{ display: 'flex', flexDirection: 'column', gap: 6 }}
        value={shown.map((k) => k.key)}
        onChange={(v) => setHiddenKeys(keyed.map((k) => k.key).filter((k) => !(v as string[]).includes(k)))}
        options={keyed.map((k) => ({ value: k.key, label: textOf(k.column.title) || '（无标题）', disabled: shown.length === 1 && !hidden.includes(k.key) }))}
      />
      <Button type="link" size="small" style={{ padding: 0, marginTop: 8 }} onClick={() => setHiddenKeys([])} disabled={hidden.length === 0}>
        恢复默认
      </Button>
    </div>
  );

  return (
    <div className="list-table">
      <div style={{ display: 'flex', alignItems: 'center', gap: 8, padding: '8px 12px', flexWrap: 'wrap' }} data-testid="table-toolbar">
        <div style={{ flex: 1, minWidth: 0, fontWeight: 500 }}>{title}</div>
        <Space size={8} wrap>
          {toolbar}
          <Tooltip title={exportTip}>
            <Button
              size="small"
              icon={<DownloadOutlined />}
              disabled={typeof exportAs === 'object' || (exportAs === 'client' && rows.length === 0)}
              loading={exporting}
              onClick={() => void runExport()}
              data-testid="table-export"
            >
              导出
            </Button>
          </Tooltip>
          <Popover trigger="click" placement="bottomRight" title="显示的列" content={settings}>
            <Button size="small" icon={<SettingOutlined />} data-testid="table-columns">
              列设置
            </Button>
          </Popover>
        </Space>
      </div>
      <Table<T> {...table} columns={visibleColumns} />
    </div>
  );
}
