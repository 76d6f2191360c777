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

/**
 * Chinese surnames: the 《百家姓》 (its single and compound ones, simplified) and the commoner
 * surnames of today's registers it lacks (肖, 付, 覃, 粟 …). Together far beyond 99 % of mainland
 * holders. Used only to weigh one read of a name against another and to ask for a second read — a
 * name whose surname is not here is still a name.
 */
const SINGLE_SURNAMES =
  '赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜戚谢邹喻柏水窦章云苏潘葛奚范彭郎' +
  '鲁韦昌马苗凤花方俞任袁柳酆鲍史唐费廉岑薛雷贺倪汤滕殷罗毕郝邬安常乐于时傅皮卞齐康伍余元卜顾孟平黄' +
  '和穆萧尹姚邵湛汪祁毛禹狄米贝明臧计伏成戴谈宋茅庞熊纪舒屈项祝董梁杜阮蓝闵席季麻强贾路娄危江童颜郭' +
  '梅盛林刁钟徐邱骆高夏蔡田樊胡凌霍虞万支柯昝管卢莫经房裘缪干解应宗丁宣贲邓郁单杭洪包诸左石崔吉钮龚' +
  '程嵇邢滑裴陆荣翁荀羊於惠甄曲家封芮羿储靳汲邴糜松井段富巫乌焦巴弓牧隗山谷车侯宓蓬全郗班仰秋仲伊宫' +
  '宁仇栾暴甘钭厉戎祖武符刘景詹束龙叶幸司韶郜黎蓟薄印宿白怀蒲邰从鄂索咸籍赖卓蔺屠蒙池乔阴郁胥能苍双' +
  '闻莘党翟谭贡劳逄姬申扶堵冉宰郦雍却璩桑桂濮牛寿通边扈燕冀郏浦尚农温别庄晏柴瞿阎充慕连茹习宦艾鱼容' +
  '向古易慎戈廖庾终暨居衡步都耿满弘匡国文寇广禄阙东欧殳沃利蔚越夔隆师巩厍聂晁勾敖融冷訾辛阚那简饶空' +
  '曾毋沙乜养鞠须丰巢关蒯相查后荆红游竺权逯盖益桓公晋楚闫法汝鄢涂钦岳帅缑亢况郈有琴商牟佘佴伯赏墨哈' +
  '谯笪年爱阳佟' +
  // Common today, not in the 《百家姓》 or there only in another form.
  '肖付覃粟揭兰邸母信练来代银栗綦寸旷仝仉谌巨晃玄召续原丛由户候卿苟浩但佀泮逢生税敬修豆种剧';
const COMPOUND_SURNAMES = [
  '万俟',
  '司马',
  '上官',
  '欧阳',
  '夏侯',
  '诸葛',
  '闻人',
  '东方',
  '赫连',
  '皇甫',
  '尉迟',
  '公羊',
  '澹台',
  '公冶',
  '宗政',
  '濮阳',
  '淳于',
  '单于',
  '太叔',
  '申屠',
  '公孙',
  '仲孙',
  '轩辕',
  '令狐',
  '钟离',
  '宇文',
  '长孙',
  '慕容',
  '鲜于',
  '闾丘',
  '司徒',
  '司空',
  '亓官',
  '司寇',
  '子车',
  '颛孙',
  '端木',
  '巫马',
  '公西',
  '漆雕',
  '乐正',
  '壤驷',
  '公良',
  '拓跋',
  '夹谷',
  '宰父',
  '谷梁',
  '段干',
  '百里',
  '东郭',
  '南门',
  '呼延',
  '羊舌',
  '微生',
  '梁丘',
  '左丘',
  '东门',
  '西门',
  '南宫',
  '第五',
];
const SURNAME_SET = new Set<string>([...SINGLE_SURNAMES, ...COMPOUND_SURNAMES]);

/** Whether a name begins with a known surname (one character, or two for 欧阳, 司马 …). */
export function startsWithSurname(name: string): boolean {
  const chars = [...name];
  return SURNAME_SET.has(chars[0] ?? '') || SURNAME_SET.has(chars.slice(0, 2).join(''));
}
