import type { Role } from '../../platform/http/context.ts';
import { createRng, type Rng } from './prng.ts';

// The demo county as plain data, computed from a seed only (no database, no clock, no ids): the
// same seed gives the same county everywhere. The writer (use-cases/seed-demo-county.ts) turns
// it into rows. All place names are invented from common syllables; a real place of the same
// name would be a coincidence.

export type DemoUnitKind = 'township' | 'village' | 'department' | 'office';

/** A unit below the county root; `parentKey` 'county' is the root unit. */
export interface DemoUnit {
  key: string;
  parentKey: string;
  name: string;
  kind: DemoUnitKind;
  acceptsOnline: boolean;
}

/** An account with its job title (shown in the printed logins, not stored). */
export interface DemoUser {
  username: string;
  name: string;
  unitKey: string;
  roles: Role[];
  title: string;
}

/** 组长, 副组长, 成员, 办公室主任, 办公室副主任. */
export type DemoPosition = 'head' | 'deputy' | 'member' | 'office_head' | 'office_deputy';

/** A leadership group (领导小组) with its work groups; people are referred to by username. */
export interface DemoGroup {
  unitKey: string;
  title: string;
  members: Array<{ username: string; position: DemoPosition }>;
  workGroups: Array<{ name: string; duties: string; usernames: string[] }>;
}

export interface DemoCounty {
  seed: number;
  countyName: string;
  units: DemoUnit[];
  users: DemoUser[];
  groups: DemoGroup[];
}

export const ROOT_KEY = 'county';

// Invented county names from less common characters, to stay clear of real counties.
const COUNTY_NAMES = [
  '棠溪县',
  '霁川县',
  '澄源县',
  '芸川县',
  '槿阳县',
  '枫源县',
  '岚溪县',
  '蓼川县',
  '澜平县',
  '溱川县',
  '苕溪县',
  '瑶川县',
];

const PLACE_FIRST = [
  ...'龙凤白石清马黄高桃杨柳梅金新古双太永安大青红花松竹茶枫桂荷兰云油槐杏东西南中上下官沙泉柏樟',
];
const PLACE_SECOND = [...'桥坪溪口山田湾塘坝岭河店铺寺源林关集庙冲岗渡洲坡峪垭场湖庄埠'];
const COMMUNITY_NAMES = [
  '幸福',
  '和平',
  '建设',
  '人民',
  '解放',
  '光明',
  '文化',
  '育才',
  '滨江',
  '翠湖',
  '新华',
  '胜利',
  '朝阳',
  '向阳',
  '东风',
  '红旗',
  '花园',
  '锦绣',
  '南苑',
  '北苑',
  '东苑',
  '西苑',
  '公园',
  '车站',
  '工农',
  '团结',
  '康宁',
  '长虹',
  '新民',
  '兴华',
];

/** Departments every demo county has; 县信访局 first because it is the county's petition office. */
const CORE_DEPARTMENTS = [
  '县信访局',
  '县委政法委员会',
  '县人力资源和社会保障局',
  '县自然资源局',
  '县住房和城乡建设局',
  '县司法局',
  '县公安局',
  '县卫生健康委员会',
  '县教育局',
  '县农业农村局',
  '县生态环境局',
  '县市场监督管理局',
  '县退役军人事务局',
  '县民政局',
  '县财政局',
  '县交通运输局',
  '县水利局',
  '县应急管理局',
  '县城市管理局',
];
const MORE_DEPARTMENTS = [
  '县医疗保障局',
  '县文化广播电视和旅游局',
  '县林业局',
  '县发展和改革局',
  '县商务局',
  '县审计局',
  '县统计局',
  '县科学技术局',
  '县工业和信息化局',
  '县行政审批服务局',
  '县供销合作社联合社',
];
/** Departments that get a leader of their own besides the liaison handler. */
const DEPARTMENTS_WITH_LEADER = ['县公安局', '县人力资源和社会保障局', '县自然资源局', '县住房和城乡建设局'];

const SURNAMES = parsePinyin(
  '王:wang 李:li 张:zhang 刘:liu 陈:chen 杨:yang 黄:huang 赵:zhao 吴:wu 周:zhou 徐:xu 孙:sun 马:ma 朱:zhu ' +
    '胡:hu 郭:guo 何:he 高:gao 林:lin 罗:luo 郑:zheng 梁:liang 谢:xie 宋:song 唐:tang 许:xu 韩:han 冯:feng ' +
    '邓:deng 曹:cao 彭:peng 曾:zeng 肖:xiao 田:tian 董:dong 袁:yuan 潘:pan 蒋:jiang 蔡:cai 余:yu 杜:du 叶:ye ' +
    '程:cheng 苏:su 魏:wei 吕:lv 丁:ding 任:ren 沈:shen 姚:yao 卢:lu 姜:jiang 崔:cui 钟:zhong 谭:tan 陆:lu ' +
    '汪:wang 范:fan 金:jin 石:shi 廖:liao 贾:jia 夏:xia 韦:wei 方:fang 白:bai 邹:zou 孟:meng 熊:xiong 秦:qin ' +
    '邱:qiu 江:jiang 尹:yin 薛:xue 段:duan 雷:lei 侯:hou 龙:long 史:shi 陶:tao 黎:li 贺:he 顾:gu 毛:mao ' +
    '郝:hao 龚:gong 邵:shao 万:wan 严:yan 覃:qin 武:wu 戴:dai 莫:mo 孔:kong 向:xiang 汤:tang',
);
const GIVEN = parsePinyin(
  '建:jian 国:guo 华:hua 明:ming 伟:wei 芳:fang 丽:li 军:jun 勇:yong 静:jing 敏:min 强:qiang 磊:lei ' +
    '洋:yang 艳:yan 杰:jie 娟:juan 涛:tao 超:chao 霞:xia 平:ping 刚:gang 桂:gui 英:ying 文:wen 斌:bin ' +
    '辉:hui 玲:ling 红:hong 海:hai 波:bo 宁:ning 鹏:peng 浩:hao 婷:ting 雪:xue 晓:xiao 志:zhi 春:chun ' +
    '秀:xiu 梅:mei 兰:lan 峰:feng 云:yun 丹:dan 萍:ping 琳:lin 欣:xin 宇:yu 佳:jia 俊:jun 德:de ' +
    '成:cheng 荣:rong 学:xue 利:li 新:xin 永:yong 立:li 秋:qiu 卫:wei 凤:feng 慧:hui 燕:yan 亮:liang',
);

const TOWNSHIP_WORK_GROUPS = [
  {
    name: '综合联络调度组',
    duties: '负责信息汇总、上传下达和各工作组的协调，落实值班和每日零报告。',
  },
  {
    name: '接访组',
    duties: '负责来访群众的接待登记、政策解释和情绪疏导，按规定转送、交办信访事项。',
  },
  {
    name: '应急处置组',
    duties: '负责群体性事件和突发情况的现场处置，落实稳控和化解措施。',
  },
  {
    name: '督导检查组',
    duties: '负责督导各村（社区）矛盾纠纷排查化解和信访事项办理进度，通报存在问题。',
  },
] as const;

function parsePinyin(list: string): Array<[string, string]> {
  return list.split(' ').map((pair) => pair.split(':') as [string, string]);
}

/** Builds the whole demo county from the seed; pure and deterministic. */
export function generateDemoCounty(seed: number): DemoCounty {
  const rng = createRng(seed);
  const countyName = rng.pick(COUNTY_NAMES);
  const countyChar = countyName[0] as string;
  const usedPlaces = new Set<string>([countyName]);
  const units: DemoUnit[] = [];
  const users: DemoUser[] = [];
  const people = new People(rng);

  // Departments of the county government.
  const extra = rng.shuffle(MORE_DEPARTMENTS).slice(0, rng.int(5, 7));
  const departments = [...CORE_DEPARTMENTS, ...extra];
  departments.forEach((name, i) => {
    units.push({ key: `dept:${i}`, parentKey: ROOT_KEY, name, kind: 'department', acceptsOnline: true });
  });
  const deptKey = (name: string) => `dept:${departments.indexOf(name)}`;

  // Townships: two or three streets (街道) around the county seat, the rest towns (镇) and 乡.
  const townshipCount = rng.int(11, 13);
  const streetCount = rng.int(2, 3);
  const xiangCount = rng.int(2, 3);
  const townships: Array<{ key: string; name: string; suffix: '街道' | '镇' | '乡' }> = [];
  for (let i = 0; i < townshipCount; i++) {
    const suffix = i < streetCount ? '街道' : i >= townshipCount - xiangCount ? '乡' : '镇';
    const base = i === 0 ? `${countyChar}城` : placeName(rng, usedPlaces);
    usedPlaces.add(base);
    const name = `${base}${suffix}`;
    const key = `town:${i}`;
    townships.push({ key, name, suffix });
    units.push({ key, parentKey: ROOT_KEY, name, kind: 'township', acceptsOnline: true });
    units.push({
      key: `office:${i}`,
      parentKey: key,
      name: `${name}${suffix === '街道' ? '综治办' : '信访办'}`,
      kind: 'office',
      acceptsOnline: false,
    });
  }

  // Villages and communities, spread unevenly: a street has a handful of communities, a town
  // or 乡 a dozen or so villages.
  const perStreet = Array.from({ length: streetCount }, () => rng.int(5, 9));
  const inStreets = perStreet.reduce((a, b) => a + b, 0);
  const perTownship = [
    ...perStreet,
    ...spread(rng, rng.int(142, 158) - inStreets, townshipCount - streetCount, 8),
  ];
  const villagesOf = new Map<string, string[]>();
  townships.forEach((t, i) => {
    const keys: string[] = [];
    const seatBase = t.name.replace(/(街道|镇|乡)$/, '');
    for (let j = 0; j < (perTownship[i] as number); j++) {
      let name: string;
      if (t.suffix === '街道') name = `${communityName(rng, usedPlaces)}社区`;
      else if (j === 0) name = `${seatBase}社区`;
      else name = `${placeName(rng, usedPlaces)}村`;
      usedPlaces.add(name.replace(/(社区|村)$/, ''));
      usedPlaces.add(name);
      const key = `village:${i}:${j}`;
      keys.push(key);
      units.push({ key, parentKey: t.key, name, kind: 'village', acceptsOnline: false });
    }
    villagesOf.set(t.key, keys);
  });

  const add = (unitKey: string, roles: Role[], title: string): DemoUser => {
    const person = people.next();
    const user = { ...person, unitKey, roles, title };
    users.push(user);
    return user;
  };

  // County level: the leaders, the supervision office and the organisation's own administrator.
  const countyHead = add(ROOT_KEY, ['leader'], '县委副书记、县长');
  const countyDeputy = add(ROOT_KEY, ['leader'], '分管信访工作副县长');
  const inspector = add(ROOT_KEY, ['supervisor'], '县委县政府督查室主任');
  add(ROOT_KEY, ['unit_admin'], '县政府办公室系统联络员');

  // 县信访局: the registration desk, the review section, the inspection section.
  const xfj = deptKey('县信访局');
  const xfjHead = add(xfj, ['leader'], '县信访局局长');
  const xfjClerks = [1, 2, 3].map(() => add(xfj, ['clerk'], '来访接待登记员'));
  const xfjHandlers = [1, 2].map(() => add(xfj, ['handler'], '复查复核科科员'));
  const xfjSupervisor = add(xfj, ['supervisor'], '督查督办科科长');

  // Every other department: a liaison who handles the matters assigned to it; a few big ones a leader.
  const deptLeaders: DemoUser[] = [];
  let police: DemoUser | undefined;
  for (const name of departments) {
    if (name === '县信访局') continue;
    const handler = add(deptKey(name), ['handler'], '信访联络员');
    if (name === '县公安局') police = handler;
    if (DEPARTMENTS_WITH_LEADER.includes(name)) {
      deptLeaders.push(add(deptKey(name), ['leader'], '分管信访工作副局长'));
    }
  }

  // Townships: party secretary, deputy in charge, petition officer, office worker; some an administrator.
  const adminTownships = new Set(rng.shuffle(townships.map((t) => t.key)).slice(0, 3));
  const cadreVillages = new Set(rng.shuffle([...villagesOf.values()].flat()).slice(0, rng.int(5, 8)));
  const groups: DemoGroup[] = [];
  townships.forEach((t, i) => {
    const deputyTitle = t.suffix === '街道' ? '办事处副主任' : t.suffix === '镇' ? '副镇长' : '副乡长';
    const head = add(t.key, ['leader'], '党委书记');
    const deputy = add(t.key, ['leader'], `分管信访${deputyTitle}`);
    const clerk = add(t.key, ['clerk'], '信访专干');
    const handler = add(`office:${i}`, ['handler'], '工作人员');
    const admin = adminTownships.has(t.key) ? add(t.key, ['unit_admin'], '党政办系统管理员') : null;
    const cadres = (villagesOf.get(t.key) ?? [])
      .filter((v) => cadreVillages.has(v))
      .map((v) => {
        const village = units.find((u) => u.key === v) as DemoUnit;
        return add(v, ['clerk'], village.name.endsWith('社区') ? '社区网格员' : '村信访信息员');
      });
    groups.push({
      unitKey: t.key,
      title: `${t.name}信访维稳工作领导小组`,
      members: [
        { username: head.username, position: 'head' },
        { username: deputy.username, position: 'deputy' },
        { username: clerk.username, position: 'office_head' },
        { username: handler.username, position: 'member' },
        ...(admin ? [{ username: admin.username, position: 'member' as const }] : []),
        ...cadres.map((c) => ({ username: c.username, position: 'member' as const })),
      ],
      workGroups: [
        { ...TOWNSHIP_WORK_GROUPS[0], usernames: [clerk.username, handler.username] },
        { ...TOWNSHIP_WORK_GROUPS[1], usernames: [deputy.username, clerk.username] },
        {
          ...TOWNSHIP_WORK_GROUPS[2],
          usernames: [head.username, handler.username, ...cadres.map((c) => c.username)],
        },
        { ...TOWNSHIP_WORK_GROUPS[3], usernames: [deputy.username, ...(admin ? [admin.username] : [])] },
      ],
    });
  });

  // The county's own group, with its office in 县信访局.
  groups.unshift({
    unitKey: ROOT_KEY,
    title: `${countyName}信访工作领导小组`,
    members: [
      { username: countyHead.username, position: 'head' },
      { username: countyDeputy.username, position: 'deputy' },
      { username: xfjHead.username, position: 'office_head' },
      { username: inspector.username, position: 'member' },
      { username: xfjSupervisor.username, position: 'office_deputy' },
      ...deptLeaders.map((u) => ({ username: u.username, position: 'member' as const })),
    ],
    workGroups: [
      { ...TOWNSHIP_WORK_GROUPS[0], usernames: [xfjHead.username, ...xfjClerks.map((u) => u.username)] },
      {
        ...TOWNSHIP_WORK_GROUPS[1],
        usernames: [countyDeputy.username, ...xfjHandlers.map((u) => u.username)],
      },
      {
        ...TOWNSHIP_WORK_GROUPS[2],
        usernames: [countyDeputy.username, ...(police ? [police.username] : [])],
      },
      { ...TOWNSHIP_WORK_GROUPS[3], usernames: [inspector.username, xfjSupervisor.username] },
    ],
  });

  return { seed, countyName, units, users, groups };
}

/** Splits `total` into `parts` uneven shares of at least `min` each. */
function spread(rng: Rng, total: number, parts: number, min: number): number[] {
  const weights = Array.from({ length: parts }, () => 0.6 + rng.next() * 0.8);
  const sum = weights.reduce((a, b) => a + b, 0);
  const out = weights.map((w) => Math.max(min, Math.round((total * w) / sum)));
  let diff = total - out.reduce((a, b) => a + b, 0);
  while (diff !== 0) {
    const i = rng.int(0, parts - 1);
    const step = diff > 0 ? 1 : -1;
    if ((out[i] as number) + step < min) continue;
    out[i] = (out[i] as number) + step;
    diff -= step;
  }
  return out;
}

/** A two-character place name not used yet (a third character is added if the pairs run out). */
function placeName(rng: Rng, used: Set<string>): string {
  for (let attempt = 0; attempt < 200; attempt++) {
    const a = rng.pick(PLACE_FIRST);
    const b = rng.pick(PLACE_SECOND);
    if (a !== b && !used.has(`${a}${b}`)) return `${a}${b}`;
  }
  for (;;) {
    const name = `${rng.pick(PLACE_FIRST)}${rng.pick(PLACE_FIRST)}${rng.pick(PLACE_SECOND)}`;
    if (!used.has(name)) return name;
  }
}

/** A community name of the kind towns give their streets, falling back to a place name. */
function communityName(rng: Rng, used: Set<string>): string {
  const free = COMMUNITY_NAMES.filter((n) => !used.has(n));
  return free.length ? rng.pick(free) : placeName(rng, used);
}

/** Distinct people with plausible names and pinyin usernames (zhangwei, zhangwei2, …). */
class People {
  private readonly names = new Set<string>();
  private readonly usernames = new Set<string>();

  constructor(private readonly rng: Rng) {}

  next(): { name: string; username: string } {
    for (;;) {
      const [surname, surnamePinyin] = this.rng.pick(SURNAMES);
      const length = this.rng.chance(0.7) ? 2 : 1;
      const given = Array.from({ length }, () => this.rng.pick(GIVEN));
      const name = surname + given.map((g) => g[0]).join('');
      if (this.names.has(name) || (length === 2 && given[0]?.[0] === given[1]?.[0])) continue;
      this.names.add(name);
      const base = surnamePinyin + given.map((g) => g[1]).join('');
      let username = base;
      for (let n = 2; this.usernames.has(username); n++) username = `${base}${n}`;
      this.usernames.add(username);
      return { name, username };
    }
  }
}
