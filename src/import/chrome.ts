/**
 * The content block of a page saved from a government website: the site's chrome around the article (navigation,
 * breadcrumbs, "来源：… 浏览次数：… 时间：…" lines, font-size and share buttons, 打印本页/关闭窗口, 上一篇/下一篇,
 * related links, footers with 版权所有/ICP备/网站标识码) is removed, line by line, before any reading.
 * A line is chrome only when it is short and made of such words; report text that merely mentions 来源 or 时间
 * (资金来源：…, 公示时间：…) is kept. Lines after the article's end (上一篇, 相关阅读, a footer) are dropped as a whole.
 */

/** Whole-line chrome: each pattern is anchored and linear. */
const LINE_CHROME: readonly RegExp[] = [
  // Breadcrumbs: 首页 > 政务公开 > 通知公告, 当前位置：首页 » …
  /^(?:当前位置|您的位置|你的位置|您现在的位置|您当前的位置|所在位置|位置)\s*[:：]/,
  /^(?:网站)?首页\s*(?:[>›»/→]|&gt;)/,
  // Article metadata: 来源：… 浏览次数：… / 发布时间：2023-08-01 / 【字体：大 中 小】
  /^[【[]?\s*(?:来源|信息来源|文章来源|稿件来源|发布时间|发布日期|更新时间|浏览次数|阅读次数|点击数|点击次数|访问次数|阅读量|浏览量|作者|责任编辑|编辑|审核|字号|字体|分享到|分享|发布机构|发文机关|索引号|主题分类|体裁分类|组配分类|信息分类|成文日期|发布人|所属机构|生效日期|废止日期|有效性|主题词|主题分类|文号|发文字号)\s*[:：]/,
  /^[【[]?\s*(?:打印本页|打印|关闭窗口|关闭|收藏|返回顶部|返回|加入收藏|设为首页|大|中|小|默认|分享|扫一扫|微信|微博|QQ空间)\s*[】\]]?(?:\s*[【[]?\s*(?:打印本页|打印|关闭窗口|关闭|收藏|返回顶部|返回|加入收藏|设为首页|大|中|小|默认|分享|扫一扫|微信|微博|QQ空间)\s*[】\]]?)*$/,
  /^(?:扫一扫|微信扫一扫|手机扫一扫|用手机扫描二维码|扫描二维码)/,
  /^现在时间是\s*[:：]/,
  // A date line of the page: 日期：2025-11-21 / 时间：2023-12-27 (a label and a date, nothing else).
  /^(?:日期|时间)\s*[:：]\s*\d{4}\s*[-./年]\s*\d{1,2}\s*[-./月]\s*\d{1,2}\s*日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?$/,
  /^(?:今天是|今天是：)?\d{4}年\d{1,2}月\d{1,2}日\s*(?:星期|周)[一二三四五六日天]$/,
];

/** Words of a site's top bar: accessibility and version switches, login, language. */
const SWITCH_WORDS = /^(?:无障碍(?:浏览|版|阅读)?|关怀版|长者模式|长者助手|适老版|部门镇街|部门网站|繁体|简体|繁體|English|ENGLISH|手机版|移动版|电脑版|登录|注册|个人登录|法人登录|智能问答|网站支持IPv6|支持IPv6)$/;

/** Words separated by breadcrumb arrows: 政务公开 > 工作报告. */
const BREADCRUMB = /^(?:[>›»→]\s*)?[^\s>›»→]{1,12}(?:\s*(?:[>›»→]|&gt;|->)\s*[^\s>›»→]{1,12}){1,6}$/;

/** The page's own address saved with its text: a line that is nothing but a URL (or 地址：/原文链接： and one). */
const ADDRESS = /^(?:(?:地址|网址|链接|原文链接|原文地址|本文链接|本文地址)\s*[:：]\s*)?(?:https?:\/\/|www\.)[^\s<>“”"]+$/i;

/** Words of a site footer; a short line holding one of them is chrome. */
const FOOTER = /版权所有|Copyright|©|ICP备|ICP证|公网安备|网站标识码|网站识别码|主办单位[:：]|承办单位[:：]|技术支持[:：]|维护单位[:：]|联系我们|网站地图|网站声明|隐私声明|网站纠错|政府网站找错|适老化|无障碍浏览|建议使用.{0,20}浏览器|分辨率/i;

/** Where the article ends: everything after is the site's again. */
const ARTICLE_END = /^[【[]?\s*(?:上一篇|下一篇|上一条|下一条|上一页|下一页|相关阅读|相关链接|相关新闻|相关文章|相关文件|猜你喜欢|热点新闻|推荐阅读|延伸阅读|网站导航|友情链接|相关稿件)\s*[】\]]?\s*(?:[:：]|$)/;

/** Two or more metadata labels on one short line: 来源：市生态环境局 时间：2023-08-01 浏览次数：1156. */
const META_LABEL = /(?:来源|时间|日期|浏览|阅读|点击|访问|作者|编辑|字号|字体)(?:次数|量)?\s*[:：]/g;

const MENU_WORDS = /首页|政务公开|信息公开|政务服务|互动交流|新闻中心|走进|概况|专题专栏|办事服务|公众参与|政民互动|机构设置|领导之窗|通知公告/g;

/** A word every longer chrome line holds (a cheap first test: most lines of a report hold none). */
const CHROME_WORD = /无障碍|关怀|长者|适老|部门镇街|繁体|简体|English|手机版|移动版|电脑版|登录|注册|IPv6|https?:|www\.|地址|网址|链接|主题词|文号|位置|首页|来源|发布|更新|浏览|阅读|点击|访问|作者|编辑|审核|字号|字体|分享|索引|分类|成文|机构|机关|生效|废止|有效性|打印|关闭|收藏|返回|设为|扫|现在时间|今天是|星期|版权|[Cc]opyright|COPYRIGHT|©|ICP|公网安备|标识码|识别码|主办|承办|技术支持|维护单位|联系我们|网站|声明|纠错|找错|适老|无障碍|浏览器|分辨率|时间|日期|政务|公开|服务|互动|新闻|走进|概况|专题|办事|公众|政民|领导|通知公告/;

/** True for a line of site chrome (see the module comment). `raw` is the line before spaces were squeezed. */
export function isChromeLine(text: string, raw: string = text): boolean {
  if (text.length <= 2000 && ADDRESS.test(text)) return true;
  if (text.length > 160 || (text.length > 12 && !CHROME_WORD.test(text))) return false;
  if (LINE_CHROME.some((re) => re.test(text))) return true;
  // The rest of a breadcrumb (政务公开 > 工作报告 > 审计公告) when 首页 was on the line before.
  if (text.length <= 60 && BREADCRUMB.test(text) && (text.match(MENU_WORDS)?.length ?? 0) >= 1) return true;
  if (text.length <= 120 && FOOTER.test(text)) return true;
  if (text.length <= 120 && (text.match(META_LABEL)?.length ?? 0) >= 2) return true;
  const words = raw.trim().split(/\s+|\|/).filter(Boolean);
  // Accessibility and version switches of a site's top bar: 无障碍 关怀版 长者模式 部门镇街 …
  if (text.length <= 40 && words.length >= 1 && words.every((w) => SWITCH_WORDS.test(w))) return true;
  // A menu bar: several short words separated by spaces, two or more of them menu words.
  if (words.length >= 4 && words.every((w) => w.length <= 8) && (text.match(MENU_WORDS)?.length ?? 0) >= 2) return true;
  return false;
}

/** True for a line that ends the article (上一篇, 相关阅读…). */
export function endsArticle(text: string): boolean {
  return text.length <= 160 && ARTICLE_END.test(text);
}

export interface ChromeResult<T> {
  kept: T[];
  removed: number;
}

/**
 * Removes chrome lines from a document's lines; after an article-end line in the second half of the document,
 * drops the rest. `text` reads an entry's text, `raw` its text before spaces were squeezed.
 */
export function stripChrome<T>(entries: readonly T[], text: (e: T) => string | null, raw: (e: T) => string = (e) => text(e) ?? ''): ChromeResult<T> {
  const kept: T[] = [];
  let removed = 0;
  let lines = 0;
  const total = entries.reduce((n, e) => n + (text(e) === null ? 0 : 1), 0);
  const menu = menuRuns(entries.map(text));
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i] as T;
    const t = text(e);
    if (t === null) {
      kept.push(e);
      continue;
    }
    lines++;
    if (menu.has(i)) {
      removed++;
      continue;
    }
    if (endsArticle(t) && lines > total * 0.3) {
      removed += entries.length - i;
      break;
    }
    if (isChromeLine(t, raw(e))) {
      removed++;
      continue;
    }
    kept.push(e);
  }
  return { kept, removed };
}

const MENU_WORD = /首页|政务公开|信息公开|政务服务|互动交流|新闻中心|走进|概况|专题专栏|办事服务|公众参与|政民互动|机构设置|领导之窗|通知公告|政策文件|新闻动态|工作动态/;
const MENU_ITEM = /^[^。，,；;：:、（）()0-9]{1,8}$/;

/** Indexes of menu items saved one per line (four or more short words in a row, among them menu words). */
function menuRuns(texts: readonly (string | null)[]): Set<number> {
  const out = new Set<number>();
  let start = -1;
  const close = (end: number): void => {
    if (start < 0) return;
    const run = texts.slice(start, end);
    if (run.length >= 4 && run.filter((t) => t && MENU_WORD.test(t)).length >= 2) for (let k = start; k < end; k++) out.add(k);
    start = -1;
  };
  texts.forEach((t, i) => {
    if (t !== null && MENU_ITEM.test(t)) {
      if (start < 0) start = i;
    } else close(i);
  });
  close(texts.length);
  return out;
}
