import { daysInMonth, idCardCheckChar } from "~/modules/people/rules";
/**
 * Pure demo / seed data for the ecological-environment law-enforcement
 * training platform. No I/O, fully deterministic given a seed.
 *
 * Administrative-division codes follow GB/T 2260 / 民政部《中华人民共和国
 * 行政区划代码》 (post-2021 boundaries, e.g. Hangzhou's 2021 district
 * reorganisation). Only well-known, stable units are listed.
 */

export interface UnitRef {
  code: string;
  name: string;
}

export interface DetailedCity extends UnitRef {
  counties: UnitRef[];
}

export interface DetailedProvince extends UnitRef {
  cities: DetailedCity[];
}

export interface ProvinceSummary extends UnitRef {
  /** Provincial capital; for the 4 municipalities, one well-known district. */
  capital: UnitRef;
  /** true for 北京/天津/上海/重庆 (直辖市). */
  municipality?: true;
}

/**
 * The ministry itself. NOTE: 生态环境部 has no administrative-division code;
 * "100000" (the code GB/T 2260 uses for the country as a whole) is a platform
 * convention for the national-level unit only.
 */
export const NATIONAL_UNIT = { code: "100000", name: "生态环境部" } as const;

/** Three provinces modelled down to county level. */
export const DETAILED_PROVINCES: DetailedProvince[] = [
  {
    code: "330000",
    name: "浙江省",
    cities: [
      {
        code: "330100",
        name: "杭州市",
        counties: [
          { code: "330106", name: "西湖区" },
          { code: "330108", name: "滨江区" },
          { code: "330109", name: "萧山区" },
          { code: "330127", name: "淳安县" },
        ],
      },
      {
        code: "330200",
        name: "宁波市",
        counties: [
          { code: "330203", name: "海曙区" },
          { code: "330206", name: "北仑区" },
          { code: "330225", name: "象山县" },
          { code: "330281", name: "余姚市" },
        ],
      },
      {
        code: "330300",
        name: "温州市",
        counties: [
          { code: "330302", name: "鹿城区" },
          { code: "330324", name: "永嘉县" },
          { code: "330381", name: "瑞安市" },
        ],
      },
      {
        code: "330500",
        name: "湖州市",
        counties: [
          { code: "330502", name: "吴兴区" },
          { code: "330522", name: "长兴县" },
          { code: "330523", name: "安吉县" },
        ],
      },
      {
        code: "330700",
        name: "金华市",
        counties: [
          { code: "330702", name: "婺城区" },
          { code: "330782", name: "义乌市" },
          { code: "330783", name: "东阳市" },
        ],
      },
    ],
  },
  {
    code: "320000",
    name: "江苏省",
    cities: [
      {
        code: "320100",
        name: "南京市",
        counties: [
          { code: "320102", name: "玄武区" },
          { code: "320106", name: "鼓楼区" },
          { code: "320115", name: "江宁区" },
          { code: "320118", name: "高淳区" },
        ],
      },
      {
        code: "320200",
        name: "无锡市",
        counties: [
          { code: "320211", name: "滨湖区" },
          { code: "320213", name: "梁溪区" },
          { code: "320281", name: "江阴市" },
          { code: "320282", name: "宜兴市" },
        ],
      },
      {
        code: "320300",
        name: "徐州市",
        counties: [
          { code: "320303", name: "云龙区" },
          { code: "320322", name: "沛县" },
          { code: "320382", name: "邳州市" },
        ],
      },
      {
        code: "320500",
        name: "苏州市",
        counties: [
          { code: "320506", name: "吴中区" },
          { code: "320508", name: "姑苏区" },
          { code: "320582", name: "张家港市" },
          { code: "320583", name: "昆山市" },
        ],
      },
      {
        code: "320900",
        name: "盐城市",
        counties: [
          { code: "320902", name: "亭湖区" },
          { code: "320924", name: "射阳县" },
          { code: "320981", name: "东台市" },
        ],
      },
    ],
  },
  {
    code: "440000",
    name: "广东省",
    cities: [
      {
        code: "440100",
        name: "广州市",
        counties: [
          { code: "440104", name: "越秀区" },
          { code: "440106", name: "天河区" },
          { code: "440113", name: "番禺区" },
          { code: "440117", name: "从化区" },
        ],
      },
      {
        code: "440300",
        name: "深圳市",
        counties: [
          { code: "440304", name: "福田区" },
          { code: "440305", name: "南山区" },
          { code: "440306", name: "宝安区" },
          { code: "440307", name: "龙岗区" },
        ],
      },
      {
        code: "440500",
        name: "汕头市",
        counties: [
          { code: "440507", name: "龙湖区" },
          { code: "440515", name: "澄海区" },
          { code: "440523", name: "南澳县" },
        ],
      },
      {
        code: "440600",
        name: "佛山市",
        counties: [
          { code: "440604", name: "禅城区" },
          { code: "440605", name: "南海区" },
          { code: "440606", name: "顺德区" },
        ],
      },
      {
        code: "441300",
        name: "惠州市",
        counties: [
          { code: "441302", name: "惠城区" },
          { code: "441322", name: "博罗县" },
          { code: "441323", name: "惠东县" },
        ],
      },
    ],
  },
];

/** All 31 provincial-level divisions of mainland China, in code order. */
export const ALL_PROVINCES: ProvinceSummary[] = [
  { code: "110000", name: "北京市", capital: { code: "110101", name: "东城区" }, municipality: true },
  { code: "120000", name: "天津市", capital: { code: "120101", name: "和平区" }, municipality: true },
  { code: "130000", name: "河北省", capital: { code: "130100", name: "石家庄市" } },
  { code: "140000", name: "山西省", capital: { code: "140100", name: "太原市" } },
  { code: "150000", name: "内蒙古自治区", capital: { code: "150100", name: "呼和浩特市" } },
  { code: "210000", name: "辽宁省", capital: { code: "210100", name: "沈阳市" } },
  { code: "220000", name: "吉林省", capital: { code: "220100", name: "长春市" } },
  { code: "230000", name: "黑龙江省", capital: { code: "230100", name: "哈尔滨市" } },
  { code: "310000", name: "上海市", capital: { code: "310101", name: "黄浦区" }, municipality: true },
  { code: "320000", name: "江苏省", capital: { code: "320100", name: "南京市" } },
  { code: "330000", name: "浙江省", capital: { code: "330100", name: "杭州市" } },
  { code: "340000", name: "安徽省", capital: { code: "340100", name: "合肥市" } },
  { code: "350000", name: "福建省", capital: { code: "350100", name: "福州市" } },
  { code: "360000", name: "江西省", capital: { code: "360100", name: "南昌市" } },
  { code: "370000", name: "山东省", capital: { code: "370100", name: "济南市" } },
  { code: "410000", name: "河南省", capital: { code: "410100", name: "郑州市" } },
  { code: "420000", name: "湖北省", capital: { code: "420100", name: "武汉市" } },
  { code: "430000", name: "湖南省", capital: { code: "430100", name: "长沙市" } },
  { code: "440000", name: "广东省", capital: { code: "440100", name: "广州市" } },
  { code: "450000", name: "广西壮族自治区", capital: { code: "450100", name: "南宁市" } },
  { code: "460000", name: "海南省", capital: { code: "460100", name: "海口市" } },
  { code: "500000", name: "重庆市", capital: { code: "500103", name: "渝中区" }, municipality: true },
  { code: "510000", name: "四川省", capital: { code: "510100", name: "成都市" } },
  { code: "520000", name: "贵州省", capital: { code: "520100", name: "贵阳市" } },
  { code: "530000", name: "云南省", capital: { code: "530100", name: "昆明市" } },
  { code: "540000", name: "西藏自治区", capital: { code: "540100", name: "拉萨市" } },
  { code: "610000", name: "陕西省", capital: { code: "610100", name: "西安市" } },
  { code: "620000", name: "甘肃省", capital: { code: "620100", name: "兰州市" } },
  { code: "630000", name: "青海省", capital: { code: "630100", name: "西宁市" } },
  { code: "640000", name: "宁夏回族自治区", capital: { code: "640100", name: "银川市" } },
  { code: "650000", name: "新疆维吾尔自治区", capital: { code: "650100", name: "乌鲁木齐市" } },
];

// ---------------------------------------------------------------------------
// Deterministic PRNG
// ---------------------------------------------------------------------------

/** mulberry32: tiny, fast 32-bit seeded PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randInt(rand: () => number, min: number, maxInclusive: number): number {
  return min + Math.floor(rand() * (maxInclusive - min + 1));
}

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)];
}

// ---------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------

/** Single-character surnames, roughly in descending order of population. */
export const SURNAMES: readonly string[] = [
  "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周",
  "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗",
  "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹",
  "彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡",
  "余", "杜", "叶", "程", "苏", "魏", "吕", "丁", "任", "沈",
  "姚", "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "金",
  "石", "廖", "贾", "夏", "韦", "付", "方", "白", "邹", "孟",
  "熊", "秦", "邱", "江", "尹", "薛", "闫", "段", "雷", "侯",
  "龙", "史", "陶", "黎", "贺", "顾", "毛", "郝", "龚", "邵",
  "万", "钱", "严", "覃", "武", "戴", "莫", "孔", "向", "汤",
  "常", "温", "康", "施", "文", "牛", "樊", "葛", "邢", "安",
  "齐", "易", "乔", "伍", "庞", "颜", "倪", "庄", "聂", "章",
  "鲁", "岳", "翟", "殷", "詹", "申", "欧", "耿", "关", "兰",
  "焦", "俞", "左", "柳", "甘", "祝", "包", "宁", "尚", "符",
  "舒", "阮", "柯", "纪", "梅", "童", "凌", "毕", "单", "季",
  "裴", "霍", "涂", "成", "苗", "谷", "盛", "曲", "翁", "冉",
];

/** Characters commonly used in given names (both male- and female-leaning). */
export const GIVEN_NAME_CHARS: readonly string[] = [
  "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋",
  "勇", "艳", "杰", "娟", "涛", "明", "超", "秀", "霞", "平",
  "刚", "桂", "英", "华", "玉", "兰", "萍", "红", "鹏", "辉",
  "建", "国", "志", "文", "斌", "宇", "浩", "凯", "鑫", "婷",
  "雪", "琳", "晶", "慧", "佳", "欣", "怡", "悦", "思", "雨",
  "涵", "梓", "子", "轩", "博", "宁", "晨", "阳", "峰", "龙",
  "飞", "海", "波", "林", "森", "东", "春", "秋", "冬", "梅",
  "凤", "燕", "琴", "云", "莉", "倩", "颖", "丹", "瑶", "璐",
  "蕾", "薇", "淑", "珍", "荣", "成", "亮", "健", "俊", "毅",
  "鸿", "彬", "晓", "小", "新", "永", "庆", "祥", "福", "德",
  "安", "康", "泽", "瑞", "睿", "铭", "昊", "然", "嘉", "诚",
  "信", "正", "清", "源", "江", "山", "川", "立", "天", "一",
  "钧", "锋", "帆", "航", "远", "卫", "兵", "民", "生", "光",
  "金", "宝", "珠", "爱", "心", "诗", "琪", "璇", "琦", "晴",
  "月", "彤", "菲", "萌", "妍", "蓉", "茜", "芸", "洁", "露",
  "岚", "松", "翔", "宏", "振", "兴", "家", "晖", "学", "书",
  "忠", "义", "智", "达", "霖", "昕", "旭", "煜", "炜", "骏",
  "驰", "腾", "豪", "楠", "蕊", "婉", "雅", "晗", "宸", "奕",
];

/**
 * Plausible 2–3 character Chinese name. Surname choice is biased toward the
 * front (most common) of SURNAMES; ~70% of names get a two-character given name.
 */
export function chineseName(rand: () => number): string {
  const r = rand();
  const surname = SURNAMES[Math.floor(r * r * SURNAMES.length)];
  const first = pick(rand, GIVEN_NAME_CHARS);
  if (rand() < 0.3) return surname + first;
  return surname + first + pick(rand, GIVEN_NAME_CHARS);
}

// ---------------------------------------------------------------------------
// Posts & education
// ---------------------------------------------------------------------------

export type StaffCategoryKey = "ENFORCEMENT" | "MONITORING" | "LEADERSHIP" | "OTHER";

/** Post titles for 生态环境保护综合行政执法 bodies (总队 / 支队 / 大队). */
export const POSTS: Record<StaffCategoryKey, string[]> = {
  ENFORCEMENT: [
    "执法队员",
    "一级行政执法员",
    "二级行政执法员",
    "执法中队长",
    "执法中队副中队长",
    "执法大队长",
    "执法大队副大队长",
    "法制审核员",
    "案件审理员",
    "执法稽查员",
    "污染源现场检查员",
    "移动执法系统管理员",
  ],
  MONITORING: [
    "现场监测员",
    "监测站技术员",
    "采样员",
    "实验室分析员",
    "应急监测员",
    "质量控制员",
    "自动监测运维核查员",
    "污染源在线监控管理员",
    "监测站副站长",
    "监测工程师",
  ],
  LEADERSHIP: [
    "总队长",
    "副总队长",
    "支队长",
    "副支队长",
    "大队长",
    "副大队长",
    "局长",
    "副局长",
    "分局局长",
    "分局副局长",
    "执法科科长",
  ],
  OTHER: [
    "综合科科员",
    "综合科科长",
    "办公室科员",
    "法规科科员",
    "政工人事专员",
    "财务人员",
    "信访接待员",
    "档案管理员",
    "信息化管理员",
    "宣传教育专员",
    "后勤保障员",
  ],
};

export { EDUCATION_LEVELS, type EducationLevel } from "~/modules/people/rules";

// ---------------------------------------------------------------------------
// Resident ID card numbers (GB 11643-1999)
// ---------------------------------------------------------------------------

/**
 * Fake but checksum-valid 18-character resident ID number.
 * Layout: 6-digit area code + YYYYMMDD + 3-digit sequence + check char.
 */
export function fakeIdCardNumber(rand: () => number, areaCode: string, birthYear: number): string {
  if (!/^[1-9]\d{5}$/.test(areaCode)) throw new Error(`invalid area code: ${areaCode}`);
  if (!Number.isInteger(birthYear) || birthYear < 1900 || birthYear > 2099) {
    throw new Error(`invalid birth year: ${birthYear}`);
  }
  const month = randInt(rand, 1, 12);
  const day = randInt(rand, 1, daysInMonth(birthYear, month));
  const seq = randInt(rand, 1, 999);
  const first17 =
    areaCode +
    String(birthYear) +
    String(month).padStart(2, "0") +
    String(day).padStart(2, "0") +
    String(seq).padStart(3, "0");
  return first17 + idCardCheckChar(first17);
}

/** Format (18 chars, trailing X allowed, case-insensitive), birth date and checksum. */
// ---------------------------------------------------------------------------
// Mobile numbers
// ---------------------------------------------------------------------------

const MOBILE_PREFIXES = [
  "130", "131", "132", "133", "134", "135", "136", "137", "138", "139",
  "150", "151", "152", "153", "155", "156", "157", "158", "159",
  "180", "181", "182", "183", "184", "185", "186", "187", "188", "189",
];

/** Plausible 11-digit mainland mobile number (13x / 15x / 18x). */
export function fakeMobile(rand: () => number): string {
  let n = pick(rand, MOBILE_PREFIXES);
  for (let i = 0; i < 8; i++) n += String(Math.floor(rand() * 10));
  return n;
}
