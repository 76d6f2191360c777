import { validateIdNumber } from '@zczr/id-card';

/**
 * The declared schema of each department source: the columns a file must have (by Chinese header,
 * or the English key), their types and ranges. A row is taken only if every column passes.
 */
export type ColumnType = 'id_number' | 'date' | 'money' | 'int' | 'bool' | 'enum' | 'text';

export interface SourceColumn {
  key: string;
  label: string;
  type: ColumnType;
  required: boolean;
  min?: number;
  max?: number;
  /** enum: accepted spellings → stored value. */
  values?: Readonly<Record<string, string>>;
}

export interface ImportSource {
  code: string;
  label: string;
  department: string;
  columns: readonly SourceColumn[];
}

const idNumber: SourceColumn = { key: 'idNumber', label: '身份证号', type: 'id_number', required: true };
const date = (label: string): SourceColumn => ({ key: 'date', label, type: 'date', required: true });

export const IMPORT_SOURCES: readonly ImportSource[] = [
  {
    code: 'medical_settlement',
    label: '医保结算',
    department: '医疗保障局',
    columns: [
      idNumber,
      date('结算日期'),
      { key: 'total', label: '医疗总费用', type: 'money', required: true },
      { key: 'selfPaid', label: '个人自付', type: 'money', required: true },
      { key: 'seriousIllness', label: '是否重特大疾病', type: 'bool', required: false },
    ],
  },
  { code: 'death', label: '死亡登记', department: '公安局/卫生健康委', columns: [idNumber, date('死亡日期')] },
  {
    code: 'disability_registration',
    label: '残疾人登记',
    department: '残疾人联合会',
    columns: [
      idNumber,
      date('登记日期'),
      { key: 'category', label: '残疾类别', type: 'int', required: true, min: 1, max: 7 },
      { key: 'grade', label: '残疾等级', type: 'int', required: true, min: 1, max: 4 },
    ],
  },
  { code: 'unemployment_registration', label: '失业登记', department: '人力资源和社会保障局', columns: [idNumber, date('失业登记日期')] },
  {
    code: 'university_admission',
    label: '高校录取',
    department: '教育局',
    columns: [idNumber, date('录取日期'), { key: 'school', label: '录取院校', type: 'text', required: false, max: 100 }],
  },
  {
    code: 'asset_registration',
    label: '车辆、不动产、工商登记',
    department: '公安交管/自然资源/市场监管',
    columns: [
      idNumber,
      date('登记日期'),
      {
        key: 'assetType',
        label: '资产类别',
        type: 'enum',
        required: true,
        values: {
          机动车: 'vehicle',
          车辆: 'vehicle',
          vehicle: 'vehicle',
          不动产: 'real_estate',
          房产: 'real_estate',
          real_estate: 'real_estate',
          工商登记: 'business',
          营业执照: 'business',
          business: 'business',
        },
      },
      { key: 'value', label: '估值', type: 'money', required: false },
    ],
  },
  {
    code: 'elderly_living_alone',
    label: '独居老人异常标记',
    department: '供水、供电、燃气企业/社区',
    columns: [idNumber, date('标记日期'), { key: 'note', label: '说明', type: 'text', required: false, max: 200 }],
  },
];

export const SOURCE_CODES = IMPORT_SOURCES.map((s) => s.code);

export function sourceOf(code: string): ImportSource | undefined {
  return IMPORT_SOURCES.find((s) => s.code === code);
}

/** A cell after reading: CSV gives strings; Excel also numbers, booleans and dates. */
export type Cell = string | number | boolean | Date | null | undefined;

export type RowValue = string | number | boolean | null;

export interface ParsedRow {
  idNumber: string;
  date: string;
  values: Record<string, RowValue>;
}

export interface CellError {
  column: string;
  reason: string;
}

/** Maps header cells to column positions; reports every required column that is missing. */
export function mapHeader(source: ImportSource, header: readonly Cell[]): { positions: Map<string, number>; errors: CellError[] } {
  const names = header.map((c) =>
    String(c ?? '')
      .replace(/^\uFEFF/, '')
      .trim(),
  );
  const positions = new Map<string, number>();
  const errors: CellError[] = [];
  for (const col of source.columns) {
    const at = names.findIndex((n) => n === col.label || n.toLowerCase() === col.key.toLowerCase());
    if (at >= 0) positions.set(col.key, at);
    else if (col.required) errors.push({ column: col.label, reason: `缺少必需列“${col.label}”` });
  }
  return { positions, errors };
}

const pad = (n: number): string => String(n).padStart(2, '0');

function parseDate(cell: Cell, today: string): string | string[] {
  let iso: string | null = null;
  if (cell instanceof Date) {
    iso = Number.isNaN(cell.getTime()) ? null : cell.toISOString().slice(0, 10);
  } else {
    const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(String(cell).trim()) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(String(cell).trim());
    if (m) {
      const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
      const dt = new Date(Date.UTC(y, mo - 1, d));
      if (dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d) iso = `${y}-${pad(mo)}-${pad(d)}`;
    }
  }
  if (!iso) return ['日期格式不正确，应为 YYYY-MM-DD'];
  if (iso < '1900-01-01' || iso > today) return ['日期不能晚于今天或早于 1900 年'];
  return iso;
}

function parseNumber(cell: Cell): number | null {
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : null;
  const s = String(cell).trim().replace(/,/g, '');
  if (!/^-?\d+(\.\d+)?$/.test(s)) return null;
  return Number(s);
}

/** Validates one data row against the source's schema. */
export function parseRow(
  source: ImportSource,
  positions: Map<string, number>,
  cells: readonly Cell[],
  today: string,
): { row: ParsedRow } | { errors: CellError[] } {
  const errors: CellError[] = [];
  const values: Record<string, RowValue> = {};
  let idNumber = '';
  let date = '';
  for (const col of source.columns) {
    const at = positions.get(col.key);
    const cell = at === undefined ? null : cells[at];
    const empty = cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');
    if (empty) {
      if (col.required) errors.push({ column: col.label, reason: `${col.label}不能为空` });
      else values[col.key] = null;
      continue;
    }
    const fail = (reason: string): void => void errors.push({ column: col.label, reason });
    switch (col.type) {
      case 'id_number': {
        const v = validateIdNumber(String(cell).trim());
        if (v.valid) idNumber = v.idNumber;
        else fail(`身份证号码无效：${v.message}`);
        break;
      }
      case 'date': {
        const d = parseDate(cell, today);
        if (Array.isArray(d)) fail(d[0]!);
        else date = d;
        break;
      }
      case 'money': {
        const n = parseNumber(cell);
        if (n === null || n < 0 || n > 100_000_000) fail(`${col.label}须为 0 至 1 亿之间的金额`);
        else values[col.key] = Math.round(n * 100) / 100;
        break;
      }
      case 'int': {
        const n = parseNumber(cell);
        if (n === null || !Number.isInteger(n) || n < (col.min ?? -Infinity) || n > (col.max ?? Infinity))
          fail(`${col.label}须为 ${col.min} 至 ${col.max} 的整数`);
        else values[col.key] = n;
        break;
      }
      case 'bool': {
        const s = String(cell).trim().toLowerCase();
        if (cell === true || ['是', 'y', 'yes', 'true', '1'].includes(s)) values[col.key] = true;
        else if (cell === false || ['否', 'n', 'no', 'false', '0'].includes(s)) values[col.key] = false;
        else fail(`${col.label}须填“是”或“否”`);
        break;
      }
      case 'enum': {
        const v = col.values?.[String(cell).trim()];
        if (v) values[col.key] = v;
        else fail(`${col.label}须为：${[...new Set(Object.keys(col.values ?? {}).filter((k) => /[\u4e00-\u9fa5]/.test(k)))].join('、')}`);
        break;
      }
      case 'text': {
        const s = String(cell).trim();
        if (s.length > (col.max ?? 200)) fail(`${col.label}过长`);
        else values[col.key] = s;
        break;
      }
      default: {
        const never: never = col.type;
        throw new Error(`unknown column type ${String(never)}`);
      }
    }
  }
  if (idNumber && date && date < validateBirthDate(idNumber)) errors.push({ column: source.columns[1]!.label, reason: '日期早于该身份证号的出生日期' });
  if (source.code === 'medical_settlement' && errors.length === 0 && Number(values.selfPaid) > Number(values.total)) {
    errors.push({ column: '个人自付', reason: '个人自付不能大于医疗总费用' });
  }
  return errors.length ? { errors } : { row: { idNumber, date, values } };
}

function validateBirthDate(idNumber: string): string {
  return `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
}

/** The normalised form a record is recognised by on re-import. */
export function normalisedKey(source: string, row: ParsedRow): string {
  const keys = Object.keys(row.values).sort();
  return `${source}|${row.idNumber}|${row.date}|${keys.map((k) => `${k}=${String(row.values[k])}`).join('|')}`;
}
