import { ROLE_LABELS } from '../src/corpus/role-words.js';
import { strings as widgetStrings } from '../widget/widget-strings.js';

/** How a paragraph's speaker was decided, in words (`attribution.method` of `GET /api/article`). */
const ATTRIBUTION_METHODS: Record<string, string> = {
  label: '由发言标签判定',
  continuation: '接续上一段发言',
  quotation: '由引语判定',
  narration: '叙述文字',
  byline: '署名记者',
  'front-matter': '标题与署名部分',
};

/** The page's labels (Chinese), beside the ones it shares with the widget. */
export const pageStrings = {
  ...widgetStrings.zh,
  allSpeakers: '全部发言人',
  articleListHeading: (n: number) => `本站共 ${n} 篇文章（在这里提问会在全部文章中查找，点开一篇只问这一篇）`,
  roles: ROLE_LABELS as Record<string, string>,
  copy: '复制回答和来源',
  copied: '已复制',
  copyFailed: '复制失败，请手动选择文字复制',
  copiedStatus: '回答和来源已复制到剪贴板',
  sourcesHeading: '来源',
  paragraphLabel: (n: number) => `原文第 ${n} 段`,
  showInArticle: '在原文中标出',
  backToAnswer: '↑ 返回回答',
  highlighted: (speaker: string) => `已在原文中标出${speaker}的原话`,
  articleLoadFailed: '原文载入失败，请刷新页面重试。',
  answering: '正在回答…',
  answered: '回答完成',
  verifying: '正在核对…',
  verifyFound: '原文中有这句话',
  verifyFoundNotExact: '原文中有这句话（标点或空白略有不同）',
  verifyNotFound: '原文中没有这句话',
  verifyNearest: (percent: number) => `最接近的原文（相似度 ${percent}%）：`,
  verifyNoNearest: '原文中也没有相近的说法。',
  verifyOccurrences: (n: number) => `原文中出现 ${n} 次，这里标出第一处。`,
  verifyOriginal: '原文：',
  saidBy: '发言人：',
  /** The tooltip of a paragraph: who speaks it, and how the parser decided (an editor checks it at a glance). */
  paragraphSpeaker: (speaker: string, method: string, confidence: number) =>
    method === 'unattributed' ? '说话人未能判定' : `${speaker}（${ATTRIBUTION_METHODS[method] ?? method}，把握 ${Math.round(confidence * 100)}%）`,
  quoting: (person: string) => `（转述${person}的话）`,
  section: '栏目：',
  checkNone: '这段文字里没有引号括起的引文。',
  checkSummary: (total: number, verbatim: number, altered: number, notFound: number, wrong: number) =>
    `共 ${total} 处引文：原话 ${verbatim}，有改动 ${altered}，原文中没有 ${notFound}，张冠李戴 ${wrong}。点一处引文看出处。`,
  checkVerbatim: '原文中有这句话',
  checkAltered: '与原文有出入',
  checkNotFound: (claimed: string | null) => (claimed ? `原文中没有这句话（文中说是${claimed}说的）` : '原文中没有这句话'),
  checkWrong: (claimed: string, speaker: string) => `但不是${claimed}说的，是${speaker}说的`,
  checkUnclaimed: '文中没有说是谁说的',
  checkCorrect: (speaker: string) => `确是${speaker}说的`,
  checkWritten: '文中写作：',
  checkUncertain: (claimed: string) => `出处可能是${claimed}（不确定）`,
  checkAlsoNamed: (names: string) => `（文中还提到${names}）`,
  checkTerms: (inArticle: number, notInArticle: number) => `另有 ${inArticle + notInArticle} 个加引号的词语（出现于原文 ${inArticle}，原文没有 ${notInArticle}），不按引文核对。`,
  termInArticle: (term: string) => `“${term}”是加引号的词语，出现于原文`,
  termNotInArticle: (term: string) => `“${term}”是加引号的词语，原文没有这个说法（不是编造的引文）`,
};
