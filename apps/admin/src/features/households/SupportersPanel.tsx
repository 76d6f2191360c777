import { useEffect, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import {
  SUPPORTER_CONDITION_LABELS,
  SUPPORTER_CONDITIONS,
  SUPPORTER_RELATION_LABELS,
  SUPPORTER_RELATIONS,
  type SupporterCondition,
  type SupporterInput,
  type SupporterRelation,
} from '@zczr/domain';
import { ENDPOINTS, labelOf, type HouseholdView } from '@zczr/contract';
import { ApiError, request } from '../../api/client';
import { formatMoney } from '../../shared/labels';
import { useUnsavedChangesPrompt } from '../../shared/useUnsavedChangesPrompt';

interface SupporterForm {
  name: string;
  relation: SupporterRelation;
  birthDate: Dayjs | null;
  coResident: boolean;
  monthlyIncome: number | null;
  conditions: SupporterCondition[];
  note: string;
}

const RELATION_OPTIONS = SUPPORTER_RELATIONS.map((value) => ({ value, label: SUPPORTER_RELATION_LABELS[value] }));
const CONDITION_OPTIONS = SUPPORTER_CONDITIONS.map((value) => ({ value, label: SUPPORTER_CONDITION_LABELS[value] }));

function toForm(s: SupporterInput | null): SupporterForm {
  return {
    name: s?.name ?? '',
    relation: s?.relation ?? 'child',
    birthDate: s?.birthDate ? dayjs(s.birthDate) : null,
    coResident: s?.coResident ?? false,
    monthlyIncome: s?.monthlyIncome ?? null,
    conditions: s ? [...s.conditions] : [],
    note: s?.note ?? '',
  };
}

function fromForm(f: SupporterForm): SupporterInput {
  const note = f.note.trim();
  return {
    name: f.name.trim(),
    relation: f.relation,
    birthDate: f.birthDate ? f.birthDate.format('YYYY-MM-DD') : null,
    coResident: f.coResident,
    monthlyIncome: typeof f.monthlyIncome === 'number' ? f.monthlyIncome : null,
    conditions: SUPPORTER_CONDITIONS.filter((c) => f.conditions.includes(c)),
    ...(note ? { note } : {}),
  };
}

const HELP =
  '特困人员认定要求无法定赡养、抚养、扶养义务人，或者义务人无履行义务能力（《特困人员认定办法》第九条：本人是特困人员或 60 周岁以上低保对象；' +
  '70 周岁以上或重度残疾，且本人收入低于当地上年人均可支配收入；无民事行为能力、被宣告失踪或在监狱服刑等）。' +
  '低保审核把不共同生活的义务人应当给付的赡养费、抚养费、扶养费计入家庭收入。' +
  '未登记时，这些政策只能显示“待核实”；与申请对象共同生活的配偶、成年子女也应登记。';

const same = (a: SupporterInput[] | null, b: SupporterInput[] | null): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * The household's legal supporters (法定赡养、抚养、扶养义务人): shown as the API returns them (masked
 * for roles without full access) and, for those who may change the file, edited here and saved as one
 * section through the household update (a staff change applies at once and re-matches the household).
 */
export function SupportersPanel({ household, onSaved }: { household: HouseholdView; onSaved: () => void }) {
  const { message } = App.useApp();
  const canEdit = !household.masked && household.status !== 'withdrawn' && household.status !== 'rejected';
  const [rows, setRows] = useState<SupporterInput[] | null>(household.supporters);
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<SupporterForm>();
  const dirty = canEdit && !same(rows, household.supporters);
  useUnsavedChangesPrompt(dirty, '法定义务人');

  // A new version of the file (saved here or elsewhere) replaces the working copy.
  useEffect(() => {
    setRows(household.supporters);
    setError(null);
  }, [household.id, household.version, household.supporters]);

  const open = (which: number | 'new') => {
    form.resetFields();
    form.setFieldsValue(toForm(which === 'new' ? null : (rows?.[which] ?? null)));
    setEditing(which);
  };
  const commit = async () => {
    const s = fromForm(await form.validateFields());
    const list = rows ?? [];
    setRows(editing === 'new' ? [...list, s] : list.map((x, i) => (i === editing ? s : x)));
    setEditing(null);
  };
  const save = async () => {
    if (rows === null) return;
    setSaving(true);
    setError(null);
    try {
      await request(ENDPOINTS.households.update, { params: { id: household.id }, body: { version: household.version, supporters: rows } });
      message.success('法定义务人已保存，政策匹配已按新情况重新计算');
      onSaved();
    } catch (e) {
      setError(
        e instanceof ApiError && e.code === 'VERSION_CONFLICT'
          ? '档案已被他人修改，请刷新页面后重新录入'
          : e instanceof ApiError
            ? [e.message, ...(e.details ?? []).map((d) => d.message)].join('；')
            : '保存失败，请稍后再试',
      );
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card
      size="small"
      title="法定赡养、抚养、扶养义务人"
      data-testid="supporters"
      extra={
        canEdit && (
          <Space>
            {dirty && <Tag color="warning">有未保存的修改</Tag>}
            {dirty && (
              <Button size="small" onClick={() => setRows(household.supporters)}>
                放弃修改
              </Button>
            )}
            <Button size="small" onClick={() => open('new')} data-testid="supporter-add">
              添加义务人
            </Button>
            <Button size="small" type="primary" disabled={!dirty || rows === null} loading={saving} onClick={() => void save()} data-testid="supporters-save">
              保存
            </Button>
          </Space>
        )
      }
    >
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title="为什么要登记" description={HELP} />
      {error && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={error} />}
      {household.masked && (
        <Typography.Paragraph type="secondary">
          当前为脱敏视图：义务人姓名已掩码，收入和备注不显示。审核人员点击上方“查看完整信息”并填写事由后可查看和编辑。
        </Typography.Paragraph>
      )}
      {rows === null ? (
        <Space>
          <Typography.Text type="secondary" data-testid="supporters-unrecorded">
            尚未登记（特困等条件待核实）
          </Typography.Text>
          {canEdit && (
            <Button size="small" onClick={() => setRows([])} data-testid="supporters-none">
              登记为“无法定义务人”
            </Button>
          )}
        </Space>
      ) : (
        <Table<SupporterInput>
          size="small"
          pagination={false}
          rowKey={(_, i) => String(i)}
          dataSource={rows}
          locale={{ emptyText: '已登记：无法定义务人' }}
          columns={[
            { title: '姓名', dataIndex: 'name', width: 90 },
            { title: '关系', dataIndex: 'relation', width: 100, render: (v: string) => labelOf(SUPPORTER_RELATION_LABELS, v) },
            { title: '出生日期', dataIndex: 'birthDate', width: 110, render: (v: string | null) => v ?? '不详' },
            { title: '共同生活', dataIndex: 'coResident', width: 80, render: (v: boolean) => (v ? '是' : '否') },
            {
              title: '本人月收入',
              dataIndex: 'monthlyIncome',
              width: 120,
              align: 'right',
              render: (v: number | null) =>
                v === null ? <Typography.Text type="secondary">{household.masked ? '不显示' : '未核实'}</Typography.Text> : formatMoney(v),
            },
            {
              title: '履行能力相关情形',
              dataIndex: 'conditions',
              render: (v: SupporterCondition[]) =>
                v.length ? (
                  <Space size={2} wrap>
                    {v.map((c) => (
                      <Tag key={c} color="orange">
                        {labelOf(SUPPORTER_CONDITION_LABELS, c)}
                      </Tag>
                    ))}
                  </Space>
                ) : (
                  <Typography.Text type="secondary">无</Typography.Text>
                ),
            },
            { title: '备注', dataIndex: 'note', render: (v?: string) => v ?? '' },
            ...(canEdit
              ? [
                  {
                    title: '操作',
                    width: 110,
                    render: (_: unknown, __: SupporterInput, i: number) => (
                      <Space size={4}>
                        <Button type="link" size="small" onClick={() => open(i)}>
                          编辑
                        </Button>
                        <Popconfirm title="删除这位义务人？" okText="删除" cancelText="取消" onConfirm={() => setRows((rows ?? []).filter((_x, j) => j !== i))}>
                          <Button type="link" size="small" danger>
                            删除
                          </Button>
                        </Popconfirm>
                      </Space>
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
      <Modal
        open={editing !== null}
        title={editing === 'new' ? '添加法定义务人' : '编辑法定义务人'}
        okText="确定"
        cancelText="取消"
        onOk={() => void commit()}
        onCancel={() => setEditing(null)}
        forceRender
      >
        <Form<SupporterForm> form={form} layout="vertical" data-testid="supporter-form">
          <Form.Item
            name="name"
            label="姓名"
            rules={[
              { required: true, whitespace: true, message: '请填写姓名' },
              { max: 40, message: '姓名最多 40 个字' },
            ]}
          >
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item name="relation" label="与申请对象的关系" rules={[{ required: true, message: '请选择关系' }]}>
            <Select options={RELATION_OPTIONS} />
          </Form.Item>
          <Form.Item name="birthDate" label="出生日期" extra="不清楚可不填；60 岁、70 岁等年龄影响履行能力的认定">
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
          <Form.Item name="coResident" label="与申请对象共同生活" valuePropName="checked">
            <Switch checkedChildren="是" unCheckedChildren="否" />
          </Form.Item>
          <Form.Item name="monthlyIncome" label="本人月收入" extra="未核实可不填；不填时特困、低保的相关条件显示“待核实”">
            <InputNumber min={0} max={100_000_000} precision={2} style={{ width: '100%' }} suffix="元" />
          </Form.Item>
          <Form.Item name="conditions" label="履行能力相关情形">
            <Checkbox.Group options={CONDITION_OPTIONS} />
          </Form.Item>
          <Form.Item name="note" label="备注">
            <Input.TextArea maxLength={200} rows={2} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
