/** Names and phrases the national-scale generator draws from, so generated ledgers read like real ones. */

export const PROVINCES = [
  '北京市', '天津市', '河北省', '山西省', '内蒙古自治区', '辽宁省', '吉林省', '黑龙江省', '上海市', '江苏省', '浙江省', '安徽省', '福建省', '江西省',
  '山东省', '河南省', '湖北省', '湖南省', '广东省', '广西壮族自治区', '海南省', '重庆市', '四川省', '贵州省', '云南省', '西藏自治区', '陕西省',
  '甘肃省', '青海省', '宁夏回族自治区', '新疆维吾尔自治区',
] as const;

/** 北京市 → 北京, 内蒙古自治区 → 内蒙古. */
export function shortName(province: string): string {
  return province.replace(/(壮族|回族|维吾尔)?自治区$|省$|市$/, '');
}

export const PLACE_WORDS = [
  '安平', '宁远', '丰泽', '永和', '长乐', '清河', '临江', '凤城', '桃源', '青山', '白河', '金川', '云阳', '新安', '南岭', '北固', '东阳', '西林', '平湖',
  '瑞昌', '松原', '柳溪', '石门', '龙泉', '华亭', '银滩',
] as const;

export const PROVINCE_DEPARTMENTS = ['生态环境厅', '发展和改革委员会', '工业和信息化厅', '自然资源厅', '住房和城乡建设厅', '交通运输厅', '水利厅', '农业农村厅'] as const;
export const CITY_DEPARTMENTS = ['生态环境局', '发展和改革委员会', '住房和城乡建设局', '水务局', '农业农村局', '自然资源局', '工业和信息化局'] as const;

/** One kind of problem: its category, how the inspectors wrote it, and the measures and indicator that answer it. */
export interface ProblemTemplate {
  category: string;
  problems: readonly string[];
  goal: string;
  measures: readonly string[];
  indicator: { name: string; unit: string; baseline: number; target: number; comparator: '>=' | '<=' };
}

export const PROBLEM_TEMPLATES: readonly ProblemTemplate[] = [
  {
    category: '大气污染',
    problems: ['部分地区大气污染防治工作推进不力，PM2.5平均浓度不降反升', '钢铁、焦化行业超低排放改造进度滞后', '散煤治理不彻底，冬季燃煤污染问题突出', '扬尘污染管控不到位，建筑工地围挡、苫盖措施落实不严'],
    goal: '细颗粒物平均浓度完成国家下达的年度目标，重点行业完成超低排放改造',
    measures: ['开展重点行业超低排放改造，逐企业建立改造台账', '实施散煤清洁化替代，完成农村清洁取暖改造', '加强施工工地扬尘监管，落实六个百分之百要求'],
    indicator: { name: 'PM2.5平均浓度', unit: 'μg/m³', baseline: 46, target: 35, comparator: '<=' },
  },
  {
    category: '水污染',
    problems: ['城镇污水处理设施建设滞后，管网雨污混流问题突出', '部分河流断面水质长期不达标，黑臭水体反弹', '工业园区污水集中处理设施不正常运行', '饮用水水源保护区内违法建设项目未清理到位'],
    goal: '国考断面水质优良比例达到目标要求，城市黑臭水体基本消除',
    measures: ['推进城镇污水管网建设和雨污分流改造', '实施河道综合整治和生态补水', '清理整治饮用水水源保护区内违法违规项目'],
    indicator: { name: '国考断面水质优良比例', unit: '%', baseline: 68, target: 85, comparator: '>=' },
  },
  {
    category: '生态破坏',
    problems: ['自然保护区内违规开发建设问题整改不到位', '矿山生态修复工作滞后，历史遗留矿山治理进展缓慢', '违规侵占河道、湿地问题突出', '部分地区毁林开垦问题时有发生'],
    goal: '完成违规项目清理整治和历史遗留矿山生态修复',
    measures: ['全面排查自然保护区内违规项目，分类处置', '编制矿山生态修复方案并组织实施', '开展河湖四乱清理整治专项行动'],
    indicator: { name: '历史遗留矿山生态修复面积', unit: '公顷', baseline: 0, target: 1200, comparator: '>=' },
  },
  {
    category: '固体废物',
    problems: ['工业固体废物违规堆存问题突出，尾矿库环境风险隐患大', '危险废物规范化管理不到位', '生活垃圾填埋场渗滤液处理不达标', '建筑垃圾乱堆乱倒问题未得到有效解决'],
    goal: '完成违规堆存固废清理，危险废物规范化管理达标',
    measures: ['开展固体废物排查整治，建立问题清单', '推进危险废物规范化环境管理评估', '实施垃圾填埋场渗滤液处理设施提标改造'],
    indicator: { name: '违规堆存固废清理量', unit: '万吨', baseline: 0, target: 300, comparator: '>=' },
  },
  {
    category: '土壤污染',
    problems: ['污染地块再开发利用监管不到位', '受污染耕地安全利用工作推进缓慢', '重点监管单位土壤污染隐患排查不到位'],
    goal: '受污染耕地安全利用率和污染地块安全利用率达到目标要求',
    measures: ['建立污染地块名录并实施准入管理', '落实受污染耕地安全利用措施', '督促重点监管单位开展隐患排查'],
    indicator: { name: '受污染耕地安全利用率', unit: '%', baseline: 88, target: 93, comparator: '>=' },
  },
];

export const PROGRESS_PHRASES = [
  '已完成阶段性整改任务，正在组织开展自查评估', '整改工作按计划推进，已完成年度目标任务的', '已制定专项整改方案，明确责任单位和完成时限',
  '项目已开工建设，累计完成投资', '已组织开展现场核查，发现问题全部建立台账', '已完成设施改造并通过环保验收',
];

export const CASE_TARGETS = ['化工有限公司', '建材厂', '采石场', '养殖场', '污水处理厂', '烧烤店', '洗煤厂', '砖厂', '热电厂', '搅拌站', '选矿厂', '木材加工厂'] as const;
export const CASE_PLACES = ['小区', '村', '镇', '工业园', '街道', '开发区'] as const;
export const CASE_PROBLEMS = [
  '夜间偷排废气，刺鼻气味严重，周边居民头晕恶心', '粉尘无组织排放，周边居民晾晒衣物落满灰尘', '污水直排河道，河水发黑发臭', '噪声扰民，严重影响居民休息',
  '无证开采，破坏山体植被', '违规焚烧废料，浓烟滚滚', '尾矿库渗漏，农作物枯死', '油烟直排，晚上十二点后仍在营业',
] as const;
export const CASE_TYPES = ['大气', '大气', '水', '噪声', '生态', '土壤', '固废', '大气、噪声'] as const;
