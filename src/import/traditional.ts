/**
 * Reports written in traditional characters (Hong Kong, Macao, Taiwan copies, or pages a site served converted)
 * are read as simplified, through OpenCC's dictionaries (opencc-js), so that every cue word (整改情況 → 整改情况)
 * and status phrase (已經完成 → 已经完成) is recognized. Only a text that IS traditional is converted: a simplified
 * report quoting a traditional name stays as printed. The converter is built on first use (~70 ms), never for
 * simplified text.
 */
import { Converter } from 'opencc-js/t2cn';

// Frequent characters of this genre that exist only in traditional form, and their simplified forms.
const TRADITIONAL = '們個這說與為經會國來時對發開關書長門問車東區過還進運點實現環計協處態護督報務項設產線資質單導監勢斷聯業級總結據標準範圍體網確續積極權樣熱營製縣鎮園歸條記環態審員機構種從應當並將責辦調層邊廣場數歲擬屬辦該邊倉漢際';
const SIMPLIFIED = '们个这说与为经会国来时对发开关书长门问车东区过还进运点实现环计协处态护督报务项设产线资质单导监势断联业级总结据标准范围体网确续积极权样热营制县镇园归条记环态审员机构种从应当并将责办调层边广场数岁拟属办该边仓汉际';
const TRAD_SET = new Set([...TRADITIONAL].filter((c) => !SIMPLIFIED.includes(c)));
const SIMP_SET = new Set([...SIMPLIFIED].filter((c) => !TRADITIONAL.includes(c)));

/** True when the text is written in traditional characters (not merely quoting a few). */
export function isTraditional(text: string): boolean {
  let trad = 0;
  let simp = 0;
  const n = Math.min(text.length, 200_000);
  for (let i = 0; i < n; i++) {
    const c = text[i] as string;
    if (TRAD_SET.has(c)) trad++;
    else if (SIMP_SET.has(c)) simp++;
  }
  return trad >= 8 && trad > simp * 3;
}

let converter: ((text: string) => string) | null = null;

/** Traditional → simplified (Hong Kong and Taiwan variants and phrases included). */
export function toSimplified(text: string): string {
  converter ??= Converter({ from: 'hk', to: 'cn' });
  return converter(text);
}
