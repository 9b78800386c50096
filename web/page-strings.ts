import { ROLE_LABELS } from '../src/corpus/role-words.js';
import { strings as widgetStrings } from '../widget/widget-strings.js';

/** The page's labels (Chinese), beside the ones it shares with the widget. */
export const pageStrings = {
  ...widgetStrings.zh,
  allSpeakers: '全部发言人',
  roles: ROLE_LABELS as Record<string, string>,
  copy: '复制回答和来源',
  copied: '已复制',
  copyFailed: '复制失败，请手动选择文字复制',
  copiedStatus: '回答和来源已复制到剪贴板',
  sourcesHeading: '来源',
  paragraphLabel: (n: number) => `原文第 ${n} 段`,
  showInArticle: '在原文中标出',
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
  quoting: (person: string) => `（转述${person}的话）`,
  section: '栏目：',
};
