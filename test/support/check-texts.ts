import { expect } from 'vitest';
import type { CheckTextResult } from '../../src/check/check-text.js';

/**
 * Texts written about the interview, in several genres, with what a careful reader finds in each
 * quotation: whether the article has it (verbatim, altered, not found), whom the text credits it to
 * and whether that is right. Checked through the module, HTTP and the CLI.
 */

export interface ExpectedQuotation {
  /** The start of the quotation as written (enough to tell it apart). */
  text: string;
  status: 'verbatim' | 'altered' | 'not_found';
  claimed: string | null;
  attribution: 'correct' | 'wrong' | 'unclaimed' | null;
  /** Who says it in the article (verbatim and altered). */
  speaker?: string;
  quoting?: string | null;
  /** For altered: the source words changed (`deleted`) and the words written instead (`inserted`). */
  deleted?: string[];
  inserted?: string[];
}

export interface CheckTextCase {
  genre: string;
  text: string;
  expected: ExpectedQuotation[];
}

export const CHECK_TEXT_CASES: CheckTextCase[] = [
  {
    genre: '新闻改写（全角标点，正确引用）',
    text:
      '本报讯 在近日的一场访谈中，青海省委党校经济教研部副教授李娜表示：“在发展新质生产力方面，青海最大的短板就是科技创新能力不足，科技成果转化能力欠缺。”' +
      '“青海发展新质生产力的优势主要在生态优势、产业基础和能源优势三个方面，”刘畅说，“生态是青海高质量发展的重要依托。”',
    expected: [
      { text: '在发展新质生产力方面', status: 'verbatim', claimed: '李娜', attribution: 'correct', speaker: '李娜' },
      { text: '青海发展新质生产力的优势', status: 'verbatim', claimed: '刘畅', attribution: 'correct', speaker: '刘畅' },
      { text: '生态是青海', status: 'verbatim', claimed: '刘畅', attribution: 'correct', speaker: '刘畅' },
    ],
  },
  {
    genre: '公众号推文（张冠李戴与改动的数字）',
    text:
      '青海的短板在哪？马冠奎指出：“青海最大的短板就是科技创新能力不足”。\n\n' +
      '据刘畅介绍，“青海发展新质生产力的优势主要在生态优势、产业基础和能源优势两个方面”。' +
      '她还说：“绿色低碳是青海能源转型发展的主旋律。”',
    expected: [
      { text: '青海最大的短板', status: 'verbatim', claimed: '马冠奎', attribution: 'wrong', speaker: '李娜' },
      {
        text: '青海发展新质生产力的优势',
        status: 'altered',
        claimed: '刘畅',
        attribution: 'correct',
        speaker: '刘畅',
        deleted: ['三'],
        inserted: ['两'],
      },
      { text: '绿色低碳', status: 'verbatim', claimed: '刘畅', attribution: 'correct', speaker: '刘畅' },
    ],
  },
  {
    genre: '报告摘要（编造的引文、换词、跨页的句子）',
    text:
      '王中毅称，“青海在人工智能大模型领域已处于全国领先地位”。' +
      '任君认为，“甘肃具有资源能源优势，但是教育发展不平衡不充分”。' +
      '马冠奎建议：“支持以企业为主体联合高校、科研院所组建\n创新联合体。”',
    expected: [
      { text: '青海在人工智能', status: 'not_found', claimed: '王中毅', attribution: null },
      { text: '甘肃具有', status: 'altered', claimed: '任君', attribution: 'correct', speaker: '任君', deleted: ['青海'], inserted: ['甘肃'] },
      { text: '支持以企业为主体', status: 'verbatim', claimed: '马冠奎', attribution: 'correct', speaker: '马冠奎' },
    ],
  },
  {
    genre: '课堂作文（主持人、编者按、头衔代替名字、李娜转述习近平）',
    text:
      '编者按指出，「因地制宜发展新质生产力，是新时代新征程解放和发展生产力的客观要求」。' +
      '主持人问道：『人才是创新的根基。青海如何畅通教育、科技、人才的良性循环？』' +
      '省委党校的专家说，习近平总书记指出"新质生产力是创新起主导作用"。' +
      '李娜说：“习近平总书记对发展新质生产力多次发表重要讲话”。' +
      '习近平总书记强调：“新质生产力本身是绿色生产力”。',
    expected: [
      { text: '因地制宜发展新质生产力，是', status: 'verbatim', claimed: '编者', attribution: 'correct', speaker: '编者' },
      { text: '人才是创新的根基', status: 'verbatim', claimed: '秦睿', attribution: 'correct', speaker: '秦睿' },
      { text: '新质生产力是创新起主导作用', status: 'verbatim', claimed: '习近平', attribution: 'correct', speaker: '李娜', quoting: '习近平' },
      { text: '习近平总书记对发展', status: 'verbatim', claimed: '李娜', attribution: 'correct', speaker: '李娜', quoting: null },
      { text: '新质生产力本身是绿色生产力', status: 'verbatim', claimed: '习近平', attribution: 'wrong', speaker: '魏晓强' },
    ],
  },
  {
    genre: '聊天机器人的回答（无人认领、嵌套引号、删去一句）',
    text:
      '关于青海的资源，原文说“青海拥有‘水丰、光富、风好、地广’的自然资源禀赋优势”。\n' +
      '“数据既是新型生产要素，已经深度融入生产、分配、流通、消费和社会服务管理等各个环节”，魏晓强说。',
    expected: [
      { text: '青海拥有', status: 'verbatim', claimed: null, attribution: 'unclaimed', speaker: '李娜' },
      {
        text: '数据既是新型生产要素',
        status: 'altered',
        claimed: '魏晓强',
        attribution: 'correct',
        speaker: '魏晓强',
        deleted: ['也是数字经济的关键要素,'],
      },
    ],
  },
];

/** Texts with nothing to check, or marks that do not pair up: a clean report, never an error. */
export const EDGE_TEXTS: Array<{ name: string; text: string; quotations: number }> = [
  { name: 'no quotation', text: '这篇访谈讨论了青海如何发展新质生产力。', quotations: 0 },
  { name: 'unbalanced marks', text: '李娜说：“青海最大的短板就是科技创新能力不足。刘畅’说」还有', quotations: 0 },
  { name: 'one-character quotation', text: '他说“好”。', quotations: 0 },
  { name: 'another language', text: 'The interview says "Qinghai has abundant solar power", according to one expert.', quotations: 1 },
  { name: 'only punctuation', text: '“”「」『』……！？，。“，。”', quotations: 0 },
];

/** Asserts a report against a case; the same for the module, HTTP and the CLI's JSON. */
export function expectReport(result: CheckTextResult, testCase: CheckTextCase, source: Array<{ text: string }>): void {
  expect(result.quotations.map((q, i) => q.text.slice(0, testCase.expected[i]?.text.length))).toEqual(testCase.expected.map((e) => e.text));
  result.quotations.forEach((q, i) => {
    const e = testCase.expected[i]!;
    expect(q.text.startsWith(e.text), q.text).toBe(true);
    expect(testCase.text.slice(q.start, q.end)).toBe(q.text);
    expect({ status: q.status, claimed: q.claimed, attribution: q.attribution }).toEqual({
      status: e.status,
      claimed: e.claimed,
      attribution: e.attribution,
    });
    if (e.speaker) expect(q.speaker).toBe(e.speaker);
    if (e.quoting !== undefined) expect(q.quoting).toBe(e.quoting);
    if (q.source) expect(source[q.source.paragraph]!.text.slice(q.source.start, q.source.end)).toBe(q.source.text);
    if (e.status === 'altered') {
      const changes = q.source?.changes ?? [];
      expect(changes.filter((c) => c.type === 'deleted').map((c) => c.text)).toEqual(e.deleted ?? []);
      expect(changes.filter((c) => c.type === 'inserted').map((c) => c.text)).toEqual(e.inserted ?? []);
      for (const c of changes) {
        const from = c.type === 'deleted' ? source[q.source!.paragraph]!.text : testCase.text;
        expect(from.slice(c.start, c.end)).toBe(c.text);
      }
    }
  });
}

