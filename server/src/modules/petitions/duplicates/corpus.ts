// A labelled corpus of generated petitions for measuring near-duplicate detection: petitions on a
// dozen topics written from sentence templates with varied places, people, firms, sums and dates
// (so petitions on the same topic share much vocabulary: the hard negatives), and planted
// near-duplicates — an earlier petition re-told with 5–10 % of its characters substituted,
// inserted or deleted and one sentence moved. Deterministic for a seed.

/** One generated petition; `family` is shared by an original and its planted near-duplicates. */
export interface CorpusPetition {
  index: number;
  family: number;
  /** For a planted near-duplicate: the index of the petition it re-tells. */
  duplicateOf: number | null;
  /** The share of characters changed in a planted near-duplicate (0 for others). */
  changed: number;
  topic: string;
  title: string;
  content: string;
  demands: string;
  petitionerName: string;
  idNumber: string;
  /** A petition by the petitioner of an earlier one (same ID number, another matter): its index. */
  samePetitionerAs: number | null;
}

/** A small, fast deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
const int = (r: Rand, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN =
  '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红玉梅文斌宇浩凯健俊帆帅欣怡子涵晨阳鑫雪琳海燕春生福林';
const TOWNS = [
  '东城镇',
  '西山乡',
  '南湖街道',
  '北岭镇',
  '青石镇',
  '白沙乡',
  '柳河镇',
  '清水乡',
  '龙泉镇',
  '桃园街道',
  '双桥镇',
  '新华乡',
];
const VILLAGES = [
  '东城一村',
  '东城二村',
  '西山一村',
  '南湖社区',
  '北岭村',
  '青石村',
  '白沙村',
  '柳河村',
  '清水村',
  '龙泉村',
  '桃园社区',
  '双桥村',
  '新华村',
  '红星村',
  '永安村',
  '幸福村',
];
const FIRMS = [
  '宏达建筑公司',
  '鑫源置业有限公司',
  '恒通物流公司',
  '华兴纺织厂',
  '顺发养殖场',
  '金盛化工有限公司',
  '绿源环保科技公司',
  '广厦物业管理公司',
  '天成劳务公司',
  '晨光食品厂',
  '远大混凝土搅拌站',
  '蓝天汽修厂',
];
const ROADS = [
  '人民路',
  '解放路',
  '建设路',
  '中山路',
  '和平路',
  '新华路',
  '滨河路',
  '光明路',
  '胜利路',
  '文化路',
];

interface Slots {
  name: string;
  town: string;
  village: string;
  firm: string;
  road: string;
  money: string;
  year: string;
  month: string;
  n: string;
  m: string;
  day: string;
  relation: string;
}

function slotsOf(r: Rand): Slots {
  return {
    name: pick(r, [...SURNAMES]) + pick(r, [...GIVEN]) + (r() < 0.5 ? pick(r, [...GIVEN]) : ''),
    town: pick(r, TOWNS),
    village: pick(r, VILLAGES),
    firm: pick(r, FIRMS),
    road: pick(r, ROADS),
    money: String(int(r, 3, 480) * 100),
    year: String(int(r, 2015, 2026)),
    month: String(int(r, 1, 12)),
    n: String(int(r, 2, 60)),
    m: String(int(r, 1, 9)),
    day: String(int(r, 1, 28)),
    relation: pick(r, RELATIONS),
  };
}

function fill(template: string, s: Slots): string {
  return template.replace(/\{(\w+)\}/g, (_, k: keyof Slots) => s[k]);
}

interface Topic {
  category: string;
  titles: readonly string[];
  sentences: readonly string[];
  demands: readonly string[];
}

const TOPICS: readonly Topic[] = [
  {
    category: '征地拆迁',
    titles: [
      '{village}征地补偿款未发放',
      '反映{town}房屋拆迁补偿标准过低',
      '{village}土地被征收后安置未落实',
    ],
    sentences: [
      '{year}年{month}月，{town}{village}的{n}亩承包地被征收用于修建{road}延伸段。',
      '征地时镇政府承诺每亩补偿{money}元，但至今只发放了一部分。',
      '村委会说补偿款已经拨付到村里，可是村民一直没有领到钱。',
      '我家的房屋被列入拆迁范围，评估价格明显低于周边二手房的市场价格。',
      '拆迁公司在没有签订协议的情况下就断水断电，强行拆除了我家的院墙。',
      '安置房原定{year}年交付，到现在还没有动工，我们一家{m}口只能租房居住。',
      '村干部在分配补偿款时优亲厚友，账目从来没有向村民公开。',
      '我们多次到镇里反映，每次都说正在研究，至今没有答复。',
      '地上附着物的补偿没有按照县里公布的标准计算，青苗费也没有给。',
      '失地以后家里没有了收入来源，社会保障也没有按规定办理。',
      '征地公告没有在村里张贴，很多村民根本不知道征地的范围和用途。',
      '评估报告我们一直没有看到，要求公开也被拒绝。',
    ],
    demands: [
      '请求按标准足额发放征地补偿款。',
      '请求重新评估房屋价值并依法补偿。',
      '请求尽快落实安置房并公开补偿账目。',
    ],
  },
  {
    category: '劳动社保',
    titles: ['{firm}拖欠农民工工资', '反映{firm}不缴纳社会保险', '讨要{year}年被拖欠的劳动报酬'],
    sentences: [
      '我们{n}名工人从{year}年{month}月起在{firm}的工地上干活。',
      '工程完工后老板以资金紧张为由一直拖欠工资，共计{money}元。',
      '包工头{name}已经联系不上，公司说工资已经结给了包工头。',
      '公司没有和我们签订书面劳动合同，也没有缴纳养老和医疗保险。',
      '我在车间工作时右手受伤，公司拒绝申报工伤，医药费都是自己垫付的。',
      '我们到劳动监察大队投诉过，对方说要等公司回复，之后就没有下文。',
      '年底了家里等着这笔钱过年，孩子的学费也交不上。',
      '公司每天要求加班到晚上十点，从来没有支付过加班费。',
      '辞职时公司扣押了押金和最后两个月的工资。',
      '社保缴费基数按最低标准申报，与实际工资严重不符。',
      '劳动仲裁的裁决已经生效，但公司一直拒不履行。',
      '公司把我们的工资卡收走统一保管，每月只发生活费。',
    ],
    demands: [
      '请求责令{firm}支付拖欠的工资。',
      '请求依法补缴社会保险并认定工伤。',
      '请求督促公司履行仲裁裁决。',
    ],
  },
  {
    category: '环境保护',
    titles: ['{firm}夜间施工噪音扰民', '反映{village}附近工厂排放污水', '{road}沿线粉尘污染严重'],
    sentences: [
      '{firm}的搅拌站距离我们居民楼不到五十米，每天凌晨还在作业。',
      '机器的噪音很大，老人和孩子晚上根本睡不着觉。',
      '工厂把污水直接排进{village}旁边的小河，河水发黑发臭。',
      '河里的鱼大量死亡，附近的水井也不能饮用了。',
      '运输车辆来往频繁，道路上的粉尘很大，晾晒的衣服都是灰。',
      '我们向环保部门打过电话，检查时工厂停工，检查人员一走又照常生产。',
      '刺鼻的气味在晚上特别明显，不少居民出现了咳嗽和头晕的症状。',
      '工厂的环评手续是否齐全，周边群众从来没有看到过公示。',
      '垃圾填埋场渗滤液外溢，周围的农田已经无法耕种。',
      '养殖场的粪污随意堆放，夏天蚊蝇滋生，臭味熏天。',
      '我们{n}户居民联名反映过多次，问题一直没有得到解决。',
      '希望有关部门在夜间也能进行突击检查。',
    ],
    demands: [
      '请求依法查处噪音扰民行为。',
      '请求责令工厂停止排污并治理河道。',
      '请求公开环评信息并加强监管。',
    ],
  },
  {
    category: '物业管理',
    titles: ['{firm}小区物业服务差', '反映小区电梯长期故障无人维修', '业主委员会选举不公开'],
    sentences: [
      '我们小区由{firm}负责物业管理，每年收取物业费{money}元左右。',
      '小区的电梯经常停运，{m}号楼的电梯已经坏了{n}天没有人修。',
      '地下车库漏水严重，业主的车辆多次被泡。',
      '物业擅自把公共绿地改成停车位对外出租，收入去向不明。',
      '小区门禁形同虚设，最近发生了多起入室盗窃。',
      '维修资金的使用没有经过业主大会表决，也没有公示账目。',
      '业主委员会的选举由物业一手操办，很多业主没有收到通知。',
      '垃圾清运不及时，楼道里堆满了杂物，存在消防隐患。',
      '开发商承诺的幼儿园和会所至今没有交付使用。',
      '物业人员态度恶劣，业主投诉后反而被停水停电。',
      '房屋交付已经{n}个月，房产证一直办不下来。',
      '我们向街道和住建部门反映过，至今没有结果。',
    ],
    demands: [
      '请求督促物业公司整改并公开收支。',
      '请求尽快维修电梯，保障出行安全。',
      '请求依法组织业主委员会选举。',
    ],
  },
  {
    category: '医疗卫生',
    titles: ['反映{town}卫生院医疗纠纷', '新农合报销被拒', '{town}卫生院乱收费'],
    sentences: [
      '{year}年{month}月，我父亲因胸闷到{town}卫生院就诊。',
      '医生没有做必要的检查就开了药，回家后病情加重。',
      '转到县医院后被诊断为急性心肌梗死，错过了最佳治疗时间。',
      '医院拒绝提供完整的病历资料，也不同意进行医疗事故鉴定。',
      '住院费用共计{money}元，报销时被告知不在医保目录内。',
      '卫生院在收费清单上重复收取检查费和材料费。',
      '我们多次要求院方给出说法，院方一直推诿。',
      '乡村医生没有执业资格却长期在村卫生室坐诊。',
      '药品价格比县城药店高出很多，群众看病负担很重。',
      '异地就医备案手续繁琐，来回跑了{m}趟还没有办好。',
      '家里因病致贫，申请医疗救助也没有批下来。',
      '希望卫健部门认真调查，给我们一个公道。',
    ],
    demands: [
      '请求组织医疗事故鉴定并依法赔偿。',
      '请求按政策报销医疗费用。',
      '请求查处乱收费行为并退还多收费用。',
    ],
  },
  {
    category: '教育',
    titles: ['孩子入学难', '反映{town}中学乱收费', '校车停运影响学生上学'],
    sentences: [
      '我家孩子今年该上小学一年级，户口和房产都在{village}。',
      '学校说学位已满，让我们去{n}公里外的学校就读。',
      '{town}中学以资料费、补课费的名义每学期收取{money}元。',
      '学校强制学生在指定的书店购买教辅资料。',
      '校车从本学期开始停运，孩子每天要走一个多小时的山路上学。',
      '学校食堂的饭菜质量很差，多名学生出现了腹泻。',
      '有老师在校外开办补习班，暗示学生必须参加。',
      '随迁子女入学要求提供的证明材料太多，很难办齐。',
      '学校撤并后，村里的孩子只能到镇上寄宿，家长很不放心。',
      '贫困生的助学金评定不公开，真正困难的家庭没有评上。',
      '我们向教育局反映过，说会调查，但一直没有回音。',
      '孩子马上就要开学了，家长都很着急。',
    ],
    demands: ['请求就近安排孩子入学。', '请求查处学校乱收费行为。', '请求恢复校车运行，保障学生安全。'],
  },
  {
    category: '住房保障',
    titles: ['申请公租房未获批准', '{village}危房改造补助未到位', '反映保障房分配不公'],
    sentences: [
      '我家是低保户，一家{m}口挤在不到二十平方米的老房子里。',
      '{year}年我们提交了公租房申请，材料齐全，却一直没有批下来。',
      '村里的危房改造名额给了村干部的亲戚，我家的房子漏雨却没有评上。',
      '危房改造的补助说好是{money}元，实际只拿到一半。',
      '保障房摇号结果没有公示，有人开着豪车住进了保障房。',
      '房屋已经出现明显裂缝，下雨天随时有倒塌的危险。',
      '住建部门说我家不符合条件，但没有说明理由。',
      '廉租房的租金补贴从去年开始就停发了。',
      '我们年纪大了，没有能力自己翻修房子。',
      '申请的时候要求提供的证明反反复复，来回跑了很多次。',
      '希望政府能够关心困难群众的住房问题。',
      '我们要求公开评审的过程和结果。',
    ],
    demands: ['请求依法审核公租房申请。', '请求足额发放危房改造补助。', '请求公开保障房分配结果。'],
  },
  {
    category: '交通',
    titles: ['{road}路面破损严重', '反映{village}公路修建占地未补偿', '公交线路调整不便群众出行'],
    sentences: [
      '{road}从{town}到{village}的路段坑洼不平，雨天积水很深。',
      '上个月有村民骑电动车经过时摔倒受伤。',
      '修建{village}公路时占用了我家{m}亩耕地，补偿款至今没有给。',
      '公交公司取消了经过{village}的班线，老人去县城看病很不方便。',
      '路口没有红绿灯和减速带，已经发生了{m}起交通事故。',
      '超载的渣土车每天从村里经过，把刚修好的水泥路压坏了。',
      '道路两侧的排水沟堵塞，每逢下雨就淹到村民家门口。',
      '施工单位挖开路面后一直没有恢复，已经拖了{n}天。',
      '路灯坏了很久没有人修，晚上出行很不安全。',
      '我们向交通部门和镇政府反映过，都说不归自己管。',
      '希望有关部门尽快协调解决。',
      '学生上下学都要经过这段路，家长很担心安全。',
    ],
    demands: ['请求尽快修复路面并设置安全设施。', '请求发放修路占地补偿款。', '请求恢复公交班线。'],
  },
  {
    category: '农业农村',
    titles: ['{village}土地承包经营权纠纷', '种粮补贴未发放', '反映{village}集体资产被侵占'],
    sentences: [
      '我家在{village}的{m}亩承包地被村委会收回后转包给了{firm}。',
      '二轮延包时村里没有给我家续签承包合同。',
      '{year}年的耕地地力保护补贴和种粮补贴一直没有发到我手里。',
      '村集体的鱼塘和山林被村干部低价承包给了亲属。',
      '集体经济组织成员资格认定不公，外嫁女的权益被剥夺。',
      '村里的账目多年没有公开，村民要求查账被拒绝。',
      '土地流转费每亩{money}元，村委会扣留了一部分没有发给农户。',
      '宅基地审批迟迟不办，我们一家只能住在老房子里。',
      '农田水利设施年久失修，灌溉用水得不到保障。',
      '合作社以入股分红为名收取农户的钱，现在负责人跑了。',
      '我们向镇农经站反映过，没有人出面处理。',
      '请求上级部门派人调查核实。',
    ],
    demands: ['请求恢复我家的土地承包经营权。', '请求足额发放种粮补贴。', '请求清查集体资产并公开账目。'],
  },
  {
    category: '民政',
    titles: ['低保资格被取消', '反映{village}低保评定不公', '残疾人补贴未发放'],
    sentences: [
      '我今年{n}岁，患有多种慢性病，没有劳动能力。',
      '从{year}年{month}月起我的低保被取消了，没有任何人通知我。',
      '村里有的人家有车有房却享受低保，真正困难的却评不上。',
      '我是二级肢体残疾，残疾人两项补贴已经停发了{m}个月。',
      '老伴去世后家里只剩我一个人，生活非常困难。',
      '高龄津贴的发放标准和名单从来没有公示过。',
      '临时救助申请交上去几个月了，一直没有消息。',
      '民政办的工作人员说是系统比对的结果，但说不清楚比对了什么。',
      '特困供养人员的护理费被敬老院挪作他用。',
      '我们家庭收入每月不到{money}元，符合低保条件。',
      '希望民政部门重新核查，恢复我的低保待遇。',
      '我已经向乡里反映了{m}次，没有结果。',
    ],
    demands: ['请求恢复低保待遇。', '请求重新评定低保并公示名单。', '请求补发残疾人补贴。'],
  },
  {
    category: '市场监管',
    titles: ['{firm}销售假冒伪劣商品', '预付卡商家跑路', '反映{road}商户短斤少两'],
    sentences: [
      '我在{road}的{firm}购买了一台冰箱，使用不到一个月就坏了。',
      '商家拒绝退换，说是人为损坏。',
      '健身房办卡时交了{money}元，现在老板关门跑路了。',
      '农贸市场的商户使用作弊的电子秤，一斤只有八两多。',
      '网上买的化肥是假货，导致我家{m}亩庄稼减产。',
      '我向市场监管局投诉后，对方一直没有受理。',
      '超市出售过期食品，孩子吃了以后呕吐住院。',
      '装修公司收了定金以后不开工，也不退钱。',
      '商家的广告宣传与实际严重不符，涉嫌虚假宣传。',
      '和我一样受骗的消费者有{n}人左右。',
      '我们保留了购物小票和聊天记录作为证据。',
      '希望有关部门依法查处，维护消费者权益。',
    ],
    demands: ['请求依法查处并责令退款。', '请求追回预付卡余额。', '请求整顿市场秩序。'],
  },
  {
    category: '城乡建设',
    titles: ['{road}违章建筑影响通行', '反映{village}小区规划变更', '老旧小区改造质量差'],
    sentences: [
      '{road}上有商户私自搭建了两层的违章建筑，占用了人行道。',
      '违章建筑挡住了我家的采光，冬天屋里一点阳光都没有。',
      '开发商擅自变更小区规划，把原来的绿地改建成了商铺。',
      '老旧小区改造工程偷工减料，新铺的外墙保温层已经脱落。',
      '施工队把楼顶的防水层破坏了，下雨时顶楼住户家里漏水。',
      '城管部门来看过，说要拆除，但{n}个月过去了还在。',
      '燃气管道改造以后，{m}号楼的住户一直没有通气。',
      '小区的污水管网堵塞，一楼住户家里经常返水。',
      '邻居在楼顶加盖阳光房，存在安全隐患。',
      '规划变更没有听取业主意见，也没有公示。',
      '我们要求住建部门组织工程质量检测。',
      '希望有关部门依法处理，还居民一个安全整洁的环境。',
    ],
    demands: ['请求依法拆除违章建筑。', '请求恢复原规划的绿地。', '请求返工整改并追究施工单位责任。'],
  },
];

/** Sentences about the writer and the events, mostly names, places, dates and sums: what makes a letter its own. */
const PERSONAL = [
  '我叫{name}，家住{town}{village}{m}组，今年{n}岁。',
  '{year}年{month}月{day}日，{name}带着{m}个人到{town}政府反映情况。',
  '我的{relation}{name}当时也在场，可以作证。',
  '具体金额是{money}元，有{name}签字的收条为证。',
  '{month}月{day}日{town}的{name}干部答应{n}天内给答复。',
  '我家{relation}今年{n}岁，常年卧病在床，{day}号还住进了医院。',
  '{name}是{firm}的负责人，电话一直打不通。',
  '我们{village}一共有{n}户受到影响，涉及{m}百多人。',
  '{year}年{day}号那天，我在{road}{m}号门口亲眼看到了这件事。',
  '我本人从{year}年起就在{village}居住，户口也在本村。',
];
const RELATIONS = [
  '父亲',
  '母亲',
  '妻子',
  '丈夫',
  '儿子',
  '女儿',
  '哥哥',
  '姐姐',
  '弟弟',
  '妹妹',
  '邻居',
  '老伴',
];

const GENERIC = [
  '以上情况属实，恳请领导重视。',
  '我们是普通老百姓，实在没有别的办法了。',
  '如有需要，我可以提供相关的证明材料。',
  '联系人{name}，住在{town}{village}。',
  '此事已经拖了很长时间，严重影响了我们的正常生活。',
  '希望政府依法依规处理，给我们一个明确的答复。',
  '我们相信党和政府会为群众做主。',
];

const EDIT_CHARS =
  '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严';

/**
 * Phrasings a writer chooses among, one choice per petition: two petitions on the same topic then
 * share their topic's words but rarely whole sentences, as real letters by different people do.
 */
const SYNONYMS: ReadonlyArray<readonly string[]> = [
  ['一直', '始终', '至今', '长期'],
  ['没有', '未', '并未', '从未'],
  ['反映', '投诉', '反应', '举报'],
  ['多次', '好几次', '反复', '屡次'],
  ['我们', '我们几户', '大家', '我们这些人'],
  ['村民', '群众', '老百姓', '乡亲们'],
  ['补偿', '赔偿', '补助'],
  ['部门', '单位', '机关'],
  ['希望', '恳请', '请求', '盼望'],
  ['严重', '非常', '特别', '十分'],
  ['至今', '到现在', '到目前为止'],
  ['很多', '不少', '许多', '大量'],
  ['说', '称', '表示', '讲'],
  ['问题', '事情', '情况'],
  ['已经', '早已', '都已'],
  ['政府', '领导', '上级'],
  ['拒绝', '不肯', '不同意'],
  ['公开', '公示', '张榜'],
  ['发放', '兑现', '支付', '发到位'],
  ['工人', '农民工', '务工人员'],
  ['老板', '负责人', '经理'],
  ['孩子', '小孩', '娃'],
  ['房屋', '房子', '住房'],
  ['晚上', '夜里', '夜间'],
  ['每天', '天天', '每日'],
  ['调查', '核查', '查处', '查明'],
  ['答复', '回复', '说法', '结果'],
  ['处理', '解决', '办理'],
  ['不到', '不足', '没有'],
  ['给', '发给', '付给'],
];

function rephrase(text: string, r: Rand): string {
  let out = text;
  for (const group of SYNONYMS) {
    const choice = pick(r, group);
    for (const w of group) if (w !== choice) out = out.split(w).join(choice);
  }
  return out;
}

function mutate(text: string, rate: number, r: Rand): string {
  const chars = [...text];
  const ops = Math.max(1, Math.round(chars.length * rate));
  for (let i = 0; i < ops && chars.length > 2; i++) {
    const at = Math.floor(r() * chars.length);
    const kind = r();
    const ch = EDIT_CHARS[Math.floor(r() * EDIT_CHARS.length)] as string;
    if (kind < 0.5) chars[at] = ch;
    else if (kind < 0.75) chars.splice(at, 0, ch);
    else chars.splice(at, 1);
  }
  return chars.join('');
}

/** Moves one sentence (ending in 。) to another place. */
function moveSentence(text: string, r: Rand): string {
  const parts = text.split(/(?<=。)/).filter(Boolean);
  if (parts.length < 3) return text;
  const [moved] = parts.splice(Math.floor(r() * parts.length), 1);
  parts.splice(Math.floor(r() * (parts.length + 1)), 0, moved as string);
  return parts.join('');
}

function idNumber(r: Rand): string {
  const digits = Array.from({ length: 17 }, () => String(int(r, 0, 9))).join('');
  return `3301${digits.slice(4)}${pick(r, ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'X'])}`;
}

function original(r: Rand, index: number, family: number): CorpusPetition {
  const topic = pick(r, TOPICS);
  const s = slotsOf(r);
  const pool = [...topic.sentences];
  const count = int(r, 3, 5);
  const chosen: string[] = [];
  for (let i = 0; i < count; i++) chosen.push(pool.splice(Math.floor(r() * pool.length), 1)[0] as string);
  const own = [...PERSONAL];
  const personal = int(r, 2, 3);
  for (let i = 0; i < personal; i++)
    chosen.splice(int(r, 0, chosen.length), 0, own.splice(Math.floor(r() * own.length), 1)[0] as string);
  const generic = int(r, 1, 2);
  for (let i = 0; i < generic; i++) chosen.splice(int(r, 0, chosen.length), 0, pick(r, GENERIC));
  return {
    index,
    family,
    duplicateOf: null,
    changed: 0,
    topic: topic.category,
    title: fill(pick(r, topic.titles), s),
    content: rephrase(fill(chosen.join(''), s), r),
    demands: rephrase(fill(pick(r, topic.demands), s), r),
    petitionerName: s.name,
    idNumber: idNumber(r),
    samePetitionerAs: null,
  };
}

/** Options of the corpus: its size, the share of planted near-duplicates and of same-petitioner repeats. */
export interface CorpusOptions {
  size: number;
  seed?: number;
  /** Share of petitions that re-tell an earlier one (default 0.08). */
  duplicateShare?: number;
  /** Share of petitions by the petitioner of an earlier one on another matter (default 0.03). */
  samePetitionerShare?: number;
}

/**
 * Generates the labelled corpus: originals on the topics, and among them planted near-duplicates
 * of earlier petitions (5–10 % of characters changed in title, content and demands, one sentence
 * moved) and petitions of an earlier petitioner (same ID number) about another matter.
 */
export function generateCorpus(opts: CorpusOptions): CorpusPetition[] {
  const r = rng(opts.seed ?? 20261129);
  const dupShare = opts.duplicateShare ?? 0.08;
  const sameShare = opts.samePetitionerShare ?? 0.03;
  const out: CorpusPetition[] = [];
  let families = 0;
  for (let i = 0; i < opts.size; i++) {
    const roll = r();
    if (i >= 10 && roll < dupShare) {
      const base = out[Math.floor(r() * out.length)] as CorpusPetition;
      const rate = 0.05 + r() * 0.05;
      out.push({
        ...base,
        index: i,
        duplicateOf: base.index,
        changed: rate,
        title: mutate(base.title, rate, r),
        content: moveSentence(mutate(base.content, rate, r), r),
        demands: mutate(base.demands, rate, r),
        samePetitionerAs: null,
      });
    } else if (i >= 10 && roll < dupShare + sameShare) {
      const earlier = out[Math.floor(r() * out.length)] as CorpusPetition;
      out.push({
        ...original(r, i, families++),
        petitionerName: earlier.petitionerName,
        idNumber: earlier.idNumber,
        samePetitionerAs: earlier.index,
      });
    } else {
      out.push(original(r, i, families++));
    }
  }
  return out;
}

/**
 * Recall and precision of detected pairs (later, earlier): recall over the planted pairs (each
 * near-duplicate and the petition it re-tells), precision over all detected pairs, where a pair
 * within one family (two re-tellings of the same petition) is right too.
 */
export function scorePairs(
  corpus: readonly CorpusPetition[],
  detected: ReadonlyArray<readonly [number, number]>,
): { recall: number; precision: number; planted: number; found: number; detected: number; wrong: number } {
  const key = (a: number, b: number) => `${Math.max(a, b)}:${Math.min(a, b)}`;
  const got = new Set(detected.map(([a, b]) => key(a, b)));
  const planted = corpus.filter((p) => p.duplicateOf !== null);
  const found = planted.filter((p) => got.has(key(p.index, p.duplicateOf as number))).length;
  let wrong = 0;
  for (const [a, b] of detected) if (corpus[a]?.family !== corpus[b]?.family) wrong++;
  return {
    recall: planted.length ? found / planted.length : 1,
    precision: detected.length ? (detected.length - wrong) / detected.length : 1,
    planted: planted.length,
    found,
    detected: detected.length,
    wrong,
  };
}
