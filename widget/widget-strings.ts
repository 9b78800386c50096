/**
 * Every label of the widget (and the page's shared ones), in one object per language. Chinese is
 * the default; `data-lang="en"` picks English labels (the answers stay in Chinese: the article is).
 */

export type WidgetLanguage = 'zh' | 'en';

/**
 * The labels of one language. No text of a particular article lives here: its title, greeting and
 * suggested questions come from the server (`GET /api/about`); `title` and `greeting` are the
 * neutral ones shown while that loads or when it fails.
 */
export interface WidgetStrings {
  title: string;
  greeting: string;
  launcher: string;
  openChat: string;
  closeChat: string;
  newConversation: string;
  questionLabel: string;
  questionPlaceholder: string;
  send: string;
  suggestionsLabel: string;
  conversationLabel: string;
  you: string;
  assistant: string;
  searching: string;
  sources: (count: number) => string;
  viewInArticle: string;
  citation: (n: number, speaker: string) => string;
  quoting: (person: string) => string;
  modeExtractive: string;
  modeLlm: string;
  fallback: string;
  /** A model's quotation the article does not have word for word. */
  unverifiedQuote: string;
  /** A model's quotation credited to someone who did not say it. */
  misattributedQuote: (speaker: string, claimed: string) => string;
  retry: string;
  errors: Record<'network' | 'cors_refused' | 'rate_limited' | 'upstream_unavailable' | 'invalid_request' | 'bad_response' | 'other', string>;
  /** Too many requests, with the wait the server asked for. */
  rateLimitedWait: (seconds: number) => string;
}

export const strings: Record<WidgetLanguage, WidgetStrings> = {
  zh: {
    title: '访谈问答',
    greeting: '你好！我只根据访谈原文回答问题，每句引文都注明是谁说的，可以点开核对。',
    launcher: '问答',
    openChat: '打开访谈问答',
    closeChat: '关闭问答',
    newConversation: '新对话',
    questionLabel: '你的问题',
    questionPlaceholder: '输入问题，回车发送',
    send: '发送',
    suggestionsLabel: '可以这样问',
    conversationLabel: '对话记录',
    you: '你',
    assistant: '问答助手',
    searching: '正在查找原文…',
    sources: (count) => `来源（${count}）`,
    viewInArticle: '在原文中查看',
    citation: (n, speaker) => `引文 ${n}：${speaker}`,
    quoting: (person) => `引述${person}`,
    modeExtractive: '摘录原文作答',
    modeLlm: '大模型作答，引文已核对',
    fallback: '大模型暂不可用，已改为摘录原文作答',
    unverifiedQuote: '原文中没有这句原话',
    misattributedQuote: (speaker, claimed) => `原文是${speaker}说的，不是${claimed}`,
    retry: '重试',
    errors: {
      network: '无法连接到问答服务，请检查网络后重试。',
      cors_refused: '问答服务拒绝了本站的跨域请求。请站点管理员把本页的来源加入问答服务的 CORS_ORIGINS 设置。',
      rate_limited: '请求太频繁了，请稍等片刻再试。',
      upstream_unavailable: '问答服务正在启动或暂时不可用，请稍后再试。',
      invalid_request: '这个问题无法提交：',
      bad_response: '回答中断了，请重试。',
      other: '出错了，请稍后再试。',
    },
    rateLimitedWait: (seconds) => `请求太频繁了，请 ${seconds} 秒后再试。`,
  },
  en: {
    title: 'Interview Q&A',
    greeting: 'Hi! I answer only from the interview (in Chinese). Every quote names who said it and can be checked.',
    launcher: 'Ask',
    openChat: 'Open the interview chat',
    closeChat: 'Close the chat',
    newConversation: 'New chat',
    questionLabel: 'Your question',
    questionPlaceholder: 'Type a question, press Enter',
    send: 'Send',
    suggestionsLabel: 'Try asking',
    conversationLabel: 'Conversation',
    you: 'You',
    assistant: 'Assistant',
    searching: 'Searching the article…',
    sources: (count) => `Sources (${count})`,
    viewInArticle: 'View in the article',
    citation: (n, speaker) => `Citation ${n}: ${speaker}`,
    quoting: (person) => `quoting ${person}`,
    modeExtractive: 'Quoted from the article',
    modeLlm: 'Written by an LLM, quotes checked',
    fallback: 'The LLM is unavailable; quoted from the article instead',
    unverifiedQuote: 'Not in the article word for word',
    misattributedQuote: (speaker, claimed) => `Said by ${speaker}, not ${claimed}`,
    retry: 'Retry',
    errors: {
      network: 'Cannot reach the chat service. Check the connection and retry.',
      cors_refused: 'The chat service refuses requests from this site. The site owner must add this page’s origin to the service’s CORS_ORIGINS.',
      rate_limited: 'Too many questions at once; wait a moment and retry.',
      upstream_unavailable: 'The chat service is starting or unavailable; retry shortly.',
      invalid_request: 'This question cannot be sent: ',
      bad_response: 'The answer broke off; please retry.',
      other: 'Something went wrong; please retry.',
    },
    rateLimitedWait: (seconds) => `Too many requests; retry in ${seconds} s.`,
  },
};

/** The message to show for a failed call (`code` from `ChatClientError`); the server's detail only where it helps. */
export function errorMessage(labels: WidgetStrings, code: string, detail: string, retryAfterSeconds: number | null = null): string {
  if (code === 'rate_limited' && retryAfterSeconds !== null) return labels.rateLimitedWait(retryAfterSeconds);
  if (code === 'network' || code === 'cors_refused' || code === 'rate_limited' || code === 'upstream_unavailable' || code === 'bad_response') {
    return labels.errors[code];
  }
  if (code === 'invalid_request' || code === 'payload_too_large') return labels.errors.invalid_request + detail;
  return labels.errors.other;
}
