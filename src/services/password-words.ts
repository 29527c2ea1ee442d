/**
 * Chinese passwords and words the English and common dictionaries of zxcvbn do not know: pinyin of the words people
 * build passwords from (love, family, luck, places, common surnames and given names), number strings read as words
 * (5201314 "I love you for life"), and the vocabulary of this very system (督察 ducha, 整改 zhenggai, 环保 huanbao).
 * Lower case; zxcvbn matches them inside longer passwords and with l33t and capital variants.
 */
export const PINYIN_PASSWORD_WORDS: readonly string[] = [
  // love, family, wishes
  'woaini', 'woaini1314', 'aini', 'aiai', 'ainiyiwannian', 'wodemima', 'mima', 'mimamima', 'nihao', 'xiexie', 'laopo', 'laogong',
  'baobei', 'baobao', 'qinai', 'qinaide', 'xiaobao', 'tiantian', 'xiaoxiao', 'kuaile', 'xingfu', 'pingan', 'jiankang', 'facai',
  'gongxifacai', 'wanshiruyi', 'yisheng', 'yishengyishi', 'yongyuan', 'xiangni', 'aiqing', 'mama', 'baba', 'gege', 'jiejie',
  'didi', 'meimei', 'erzi', 'nver', 'jiating', 'pengyou', 'tongxue', 'laoshi', 'xuesheng', 'mingzi', 'shengri', 'xinnian',
  'zhufu', 'ganxie', 'meili', 'piaoliang', 'shuaige', 'meinv', 'tianshi', 'xiaotianshi', 'xiaoxiong', 'xiaogou', 'xiaomao',
  'longlong', 'fengfeng', 'lele', 'dada', 'xiaoming', 'xiaohong', 'xiaohua', 'xiaolong', 'xiaoyu', 'xiaojie',
  // places
  'zhongguo', 'zhonghua', 'china', 'beijing', 'shanghai', 'tianjin', 'chongqing', 'guangzhou', 'shenzhen', 'hangzhou', 'nanjing',
  'wuhan', 'chengdu', 'xian', 'liaoning', 'shenyang', 'dalian', 'fushun', 'anshan', 'benxi', 'dandong', 'jinzhou', 'yingkou',
  'fuxin', 'liaoyang', 'tieling', 'chaoyang', 'panjin', 'huludao', 'xinbin', 'qingyuan', 'dongbei', 'jilin', 'heilongjiang',
  // common surnames and given names
  'wang', 'li', 'zhang', 'liu', 'chen', 'yang', 'huang', 'zhao', 'zhou', 'xu', 'sun', 'zhu', 'guo', 'gao', 'lin', 'luo',
  'zheng', 'liang', 'xie', 'song', 'tang', 'han', 'feng', 'deng', 'cao', 'peng', 'zeng', 'xiao', 'tian', 'dong', 'pan', 'yuan',
  'cai', 'jiang', 'yu', 'du', 'ye', 'cheng', 'wei', 'su', 'lu', 'ding', 'ren', 'shen', 'yao', 'jin', 'fang', 'jia', 'cui',
  'zhangwei', 'wangwei', 'wangfang', 'liwei', 'lina', 'zhangmin', 'lijing', 'wangjing', 'liuwei', 'wangli', 'zhangli', 'lijun',
  'liuyang', 'wangyong', 'lihua', 'zhangjie', 'wangjun', 'jianguo', 'jianhua', 'guoqiang', 'zhiqiang', 'haiyan', 'xiuying',
  // this system, the office and work
  'ducha', 'zhenggai', 'huanbao', 'huanjing', 'shengtai', 'shengtaihuanjing', 'huanbaoju', 'duchazu', 'zhenggaiban', 'taizhang',
  'xinfang', 'jubao', 'tousu', 'xiaohao', 'yanshou', 'zhengfu', 'bangong', 'bangongshi', 'danwei', 'guanliyuan', 'zhanghao',
  'denglu', 'yonghu', 'xitong', 'shuju', 'gongzuo', 'shenhe', 'tianbao', 'rectify', 'zhenggaitaizhang',
  // number strings read as words, and lucky numbers
  '5201314', '1314520', '520520', '521521', '5211314', '1314521', '147258369', '159357', '123321', '147258', '258369',
  '888888', '666666', '168168', '518518', '168888', '886886', '778899', '369369', '121212', 'qq123456', 'hao123',
];
