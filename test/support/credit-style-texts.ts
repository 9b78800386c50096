/**
 * Texts about the interview written the way writers credit quotations: before the quotation, after
 * it (`，刘畅说。`, `李娜表示。`, a dash, parentheses on each line of a list), in a lead sentence or
 * heading that governs a list or the sentences after it, across line breaks, with two people named
 * before one quotation, and in a quotation over several paragraphs. Every quotation is a real
 * sentence of `corpus/article.txt`; some are credited to the wrong expert on purpose.
 *
 * `claimed` is whom a careful reader takes the text to credit; `attribution` whether that is right.
 */

export interface ExpectedCredit {
  /** The start of the quotation as written. */
  text: string;
  claimed: string | null;
  attribution: 'correct' | 'wrong' | 'unclaimed';
  /** Who says it in the article. */
  speaker: string;
}

export interface CreditStyleCase {
  style: string;
  text: string;
  expected: ExpectedCredit[];
}

export const CREDIT_STYLE_CASES: CreditStyleCase[] = [
  {
    style: 'before the quotation: a name and a speech verb or a colon',
    text:
      '谈到青海的短板，青海省委党校经济教研部副教授李娜表示：“在发展新质生产力方面，青海最大的短板就是科技创新能力不足，科技成果转化能力欠缺。”' +
      '刘畅指出，“生态是青海高质量发展的重要依托。”' +
      '马冠奎说：“平台经济的核心是共享经济。”',
    expected: [
      { text: '在发展新质生产力方面', claimed: '李娜', attribution: 'correct', speaker: '李娜' },
      { text: '生态是青海', claimed: '刘畅', attribution: 'correct', speaker: '刘畅' },
      { text: '平台经济的核心', claimed: '马冠奎', attribution: 'wrong', speaker: '魏晓强' },
    ],
  },
  {
    style: 'after the quotation: a comma, the name and 说',
    text:
      '“生态是青海高质量发展的重要依托。”，刘畅说。\n' +
      '“五要加强科技人才队伍建设。”，马冠奎说。\n' +
      '“教育孕育未来，科技彰显实力，人才引领发展。”，王中毅说。',
    expected: [
      { text: '生态是青海', claimed: '刘畅', attribution: 'correct', speaker: '刘畅' },
      { text: '五要加强', claimed: '马冠奎', attribution: 'correct', speaker: '马冠奎' },
      { text: '教育孕育未来', claimed: '王中毅', attribution: 'wrong', speaker: '任君' },
    ],
  },
  {
    style: 'after the quotation: the name and 表示 or 指出 at once',
    text:
      '“绿色低碳是青海能源转型发展的主旋律。”刘畅表示。' +
      '“新质生产力本身是绿色生产力。”魏晓强指出。' +
      '“人才是创新的根基。”李娜表示。',
    expected: [
      { text: '绿色低碳', claimed: '刘畅', attribution: 'correct', speaker: '刘畅' },
      { text: '新质生产力本身', claimed: '魏晓强', attribution: 'correct', speaker: '魏晓强' },
      { text: '人才是创新的根基', claimed: '李娜', attribution: 'wrong', speaker: '秦睿' },
    ],
  },
  {
    style: 'after the quotation: a dash, 说这话的是 and the unit',
    text:
      '「平台经济的核心是共享经济」——说这话的是青海省委全面深化改革委员会办公室的魏晓强。\n' +
      '「五要加强科技人才队伍建设」——说这话的是西宁经济技术开发区的王中毅。\n' +
      '“产业是生产力的载体。”——主持人秦睿',
    expected: [
      { text: '平台经济的核心', claimed: '魏晓强', attribution: 'correct', speaker: '魏晓强' },
      { text: '五要加强', claimed: '王中毅', attribution: 'wrong', speaker: '马冠奎' },
      { text: '产业是生产力的载体', claimed: '秦睿', attribution: 'correct', speaker: '秦睿' },
    ],
  },
  {
    style: 'a list of quotes, each with its speaker in parentheses',
    text:
      '访谈金句摘录：\n' +
      '“绿色低碳是青海能源转型发展的主旋律。”（刘畅）\n' +
      '“平台经济的核心是共享经济。”（魏晓强）\n' +
      '“教育孕育未来，科技彰显实力，人才引领发展。”（李娜）\n' +
      '“五要加强科技人才队伍建设。”（青海省科学技术厅 马冠奎）\n' +
      '“青海最大的短板就是科技创新能力不足。”(李娜)',
    expected: [
      { text: '绿色低碳', claimed: '刘畅', attribution: 'correct', speaker: '刘畅' },
      { text: '平台经济的核心', claimed: '魏晓强', attribution: 'correct', speaker: '魏晓强' },
      { text: '教育孕育未来', claimed: '李娜', attribution: 'wrong', speaker: '任君' },
      { text: '五要加强', claimed: '马冠奎', attribution: 'correct', speaker: '马冠奎' },
      { text: '青海最大的短板', claimed: '李娜', attribution: 'correct', speaker: '李娜' },
    ],
  },
  {
    style: 'a lead sentence that announces a numbered or bulleted list',
    text:
      '学习笔记\n\n' +
      '马冠奎谈了提升自主创新能力的几点看法：\n' +
      '1. “一要优化自主创新能力提升的机制保障。”\n' +
      '2. “三要持续推进科技创新平台建设。”\n' +
      '3. “五要加强科技人才队伍建设。”\n\n' +
      '魏晓强则从改革的角度提出：\n' +
      '- “以数字经济为引擎，通过改革提升经济数字化水平。”\n' +
      '- “青海最大的短板就是科技创新能力不足。”\n' +
      '- “新质生产力本身是绿色生产力。”',
    expected: [
      { text: '一要优化', claimed: '马冠奎', attribution: 'correct', speaker: '马冠奎' },
      { text: '三要持续', claimed: '马冠奎', attribution: 'correct', speaker: '马冠奎' },
      { text: '五要加强', claimed: '马冠奎', attribution: 'correct', speaker: '马冠奎' },
      { text: '以数字经济为引擎', claimed: '魏晓强', attribution: 'correct', speaker: '魏晓强' },
      { text: '青海最大的短板', claimed: '魏晓强', attribution: 'wrong', speaker: '李娜' },
      { text: '新质生产力本身', claimed: '魏晓强', attribution: 'correct', speaker: '魏晓强' },
    ],
  },
  {
    style: 'a lead sentence that governs the quotations of the sentences after it',
    text:
      '刘畅认为，青海完全能够积极拥抱新质生产力。“生态是青海高质量发展的重要依托。”“绿色低碳是青海能源转型发展的主旋律。”' +
      '在开放方面也是如此。“一方面是要加强对内合作，在融入全国统一大市场方面下功夫。”\n' +
      '随后，任君谈到了人才。“教育孕育未来，科技彰显实力，人才引领发展。”“平台经济的核心是共享经济。”',
    expected: [
      { text: '生态是青海', claimed: '刘畅', attribution: 'correct', speaker: '刘畅' },
      { text: '绿色低碳', claimed: '刘畅', attribution: 'correct', speaker: '刘畅' },
      { text: '一方面是要', claimed: '刘畅', attribution: 'correct', speaker: '刘畅' },
      { text: '教育孕育未来', claimed: '任君', attribution: 'correct', speaker: '任君' },
      { text: '平台经济的核心', claimed: '任君', attribution: 'wrong', speaker: '魏晓强' },
    ],
  },
  {
    style: 'a heading that names the speaker of the paragraphs under it',
    text:
      '【王中毅：传统产业要转型升级】\n' +
      '“要加快工业“智改数转”，以智能制造为主攻方向。”\n' +
      '“要实施产业绿色化转型。”\n\n' +
      '【李娜：把握机遇就是把握发展主动权】\n' +
      '“时代正在给予青海发展新质生产力的机遇。”\n' +
      '“数据既是新型生产要素，也是数字经济的关键要素。”',
    expected: [
      { text: '要加快工业', claimed: '王中毅', attribution: 'correct', speaker: '王中毅' },
      { text: '要实施产业绿色化转型', claimed: '王中毅', attribution: 'correct', speaker: '王中毅' },
      { text: '时代正在给予', claimed: '李娜', attribution: 'correct', speaker: '李娜' },
      { text: '数据既是', claimed: '李娜', attribution: 'wrong', speaker: '魏晓强' },
    ],
  },
  {
    style: 'the credit and the quotation on either side of a line break',
    text:
      '李娜表示：\n\n“青海最大的短板就是科技创新能力不足。”\n\n' +
      '“平台经济的核心是共享经济。”\n——刘畅\n\n' +
      '“产业是生产力的载体。”\n\n主持人这样说道。',
    expected: [
      { text: '青海最大的短板', claimed: '李娜', attribution: 'correct', speaker: '李娜' },
      { text: '平台经济的核心', claimed: '刘畅', attribution: 'wrong', speaker: '魏晓强' },
      { text: '产业是生产力的载体', claimed: '秦睿', attribution: 'correct', speaker: '秦睿' },
    ],
  },
  {
    style: 'two people named before one quotation: the subject of the speech verb wins',
    text:
      '李娜在回应主持人的提问时说：“青海最大的短板就是科技创新能力不足。”' +
      '和刘畅一样，魏晓强也强调：“新质生产力本身是绿色生产力。”' +
      '李娜引用习近平总书记的话指出：“新质生产力是创新起主导作用。”' +
      '马冠奎和王中毅一样认为：“五要加强科技人才队伍建设。”' +
      '魏晓强在谈到李娜的观点时表示：“生态是青海高质量发展的重要依托。”',
    expected: [
      { text: '青海最大的短板', claimed: '李娜', attribution: 'correct', speaker: '李娜' },
      { text: '新质生产力本身', claimed: '魏晓强', attribution: 'correct', speaker: '魏晓强' },
      { text: '新质生产力是创新', claimed: '李娜', attribution: 'correct', speaker: '李娜' },
      { text: '五要加强', claimed: '马冠奎', attribution: 'correct', speaker: '马冠奎' },
      { text: '生态是青海', claimed: '魏晓强', attribution: 'wrong', speaker: '刘畅' },
    ],
  },
  {
    style: 'a quotation over several paragraphs (each opens, only the last closes)',
    text:
      '马冠奎说：\n\n' +
      '“一要优化自主创新能力提升的机制保障。\n\n' +
      '“二要加强基础研究和产业技术攻关。\n\n' +
      '“三要持续推进科技创新平台建设。”\n\n' +
      '“生态是青海高质量发展的重要依托。\n\n' +
      '“绿色低碳是青海能源转型发展的主旋律。”\n——王中毅',
    expected: [
      { text: '一要优化', claimed: '马冠奎', attribution: 'correct', speaker: '马冠奎' },
      { text: '二要加强', claimed: '马冠奎', attribution: 'correct', speaker: '马冠奎' },
      { text: '三要持续', claimed: '马冠奎', attribution: 'correct', speaker: '马冠奎' },
      { text: '生态是青海', claimed: '王中毅', attribution: 'wrong', speaker: '刘畅' },
      { text: '绿色低碳', claimed: '王中毅', attribution: 'wrong', speaker: '刘畅' },
    ],
  },
];

/** Quoted terms (four characters or fewer, not a sentence): in the article or not, never invented quotations. */
export const TERM_TEXT =
  '李娜说，青海要建设产业“四地”，在“双碳”背景下发挥“水丰、光富、风好、地广”的优势；有人把这叫作“绿能经济”。' +
  '刘畅说：“生态是青海高质量发展的重要依托。”';
