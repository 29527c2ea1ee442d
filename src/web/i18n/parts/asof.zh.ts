/** Texts of the as-of (历史日期) views: the date picker of the ledger and the dashboard, and the notice above them. */
export const asofZh = {
  'asof.pick': '查看历史日期',
  'asof.pickLabel': '查看某一日结束时的台账记录',
  'asof.viewing': '正在查看{date}结束时的台账记录：当日之后新增的任务和发生的变化不显示。',
  'asof.backToToday': '回到今天',
  'asof.roundtripDisabled': '可回填台账只能按今天的台账导出',
} as const;
