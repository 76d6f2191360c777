/**
 * The closed vocabularies printed on identity documents: what a field can say decides what a
 * misread can be corrected to.
 */

/** The 56 ethnic groups as printed on the ID card (民族 field, without 族). */
export const ETHNIC_GROUPS: readonly string[] = [
  '汉',
  '蒙古',
  '回',
  '藏',
  '维吾尔',
  '苗',
  '彝',
  '壮',
  '布依',
  '朝鲜',
  '满',
  '侗',
  '瑶',
  '白',
  '土家',
  '哈尼',
  '哈萨克',
  '傣',
  '黎',
  '傈僳',
  '佤',
  '畲',
  '高山',
  '拉祜',
  '水',
  '东乡',
  '纳西',
  '景颇',
  '柯尔克孜',
  '土',
  '达斡尔',
  '仫佬',
  '羌',
  '布朗',
  '撒拉',
  '毛南',
  '仡佬',
  '锡伯',
  '阿昌',
  '普米',
  '塔吉克',
  '怒',
  '乌孜别克',
  '俄罗斯',
  '鄂温克',
  '德昂',
  '保安',
  '裕固',
  '京',
  '塔塔尔',
  '独龙',
  '鄂伦春',
  '赫哲',
  '门巴',
  '珞巴',
  '基诺',
];

/** Characters of all ethnic-group names: the whitelist for reading the field. */
export const ETHNIC_CHARS = [...new Set(ETHNIC_GROUPS.join(''))].join('');

/** 文化程度 as household registers print it. */
export const EDUCATION_TERMS: readonly string[] = [
  '文盲或半文盲',
  '不识字或识字很少',
  '学龄前儿童',
  '小学',
  '初中',
  '高中',
  '中等专科',
  '中专',
  '职业高中',
  '技工学校',
  '大学专科',
  '大专',
  '大学本科',
  '本科',
  '研究生',
  '硕士研究生',
  '博士研究生',
];

/** 婚姻状况. */
export const MARITAL_TERMS: readonly string[] = ['未婚', '已婚', '初婚', '再婚', '复婚', '丧偶', '离婚'];

/** 户主或与户主关系. */
export const RELATION_TERMS: readonly string[] = [
  '户主',
  '配偶',
  '妻',
  '夫',
  '子',
  '女',
  '长子',
  '次子',
  '三子',
  '长女',
  '次女',
  '三女',
  '独生子',
  '独生女',
  '养子',
  '养女',
  '继子',
  '继女',
  '儿媳',
  '女婿',
  '孙子',
  '孙女',
  '外孙子',
  '外孙女',
  '父亲',
  '母亲',
  '公公',
  '婆婆',
  '岳父',
  '岳母',
  '祖父',
  '祖母',
  '外祖父',
  '外祖母',
  '兄',
  '弟',
  '姐',
  '妹',
  '哥哥',
  '弟弟',
  '姐姐',
  '妹妹',
  '侄子',
  '侄女',
  '外甥',
  '外甥女',
  '其他',
];

let gb2312: Set<string> | null = null;

/**
 * Whether a character is one of GB 2312's 6763 hanzi: the simplified characters of everyday
 * print. A recognised character outside them is most often a traditional form or a rare look-alike
 * (會 for 曾) — in a name on a mainland card, a reason for a second read. Built once from the
 * runtime's GBK decoder (levels 1 and 2: lead bytes B0–F7, trail bytes A1–FE).
 */
export function isGb2312Hanzi(ch: string): boolean {
  if (!gb2312) {
    const set = new Set<string>();
    const decoder = new TextDecoder('gbk');
    for (let lead = 0xb0; lead <= 0xf7; lead++)
      for (let trail = 0xa1; trail <= 0xfe; trail++) {
        const c = decoder.decode(Uint8Array.of(lead, trail));
        if (/^[\u4e00-\u9fff]$/.test(c)) set.add(c);
      }
    gb2312 = set;
  }
  return gb2312.has(ch);
}
