import { foldText } from '../corpus/normalize-text.js';

/**
 * What kind of question this is, from its wording alone. Retrieval uses it to weigh passages
 * (a "who is" question wants the guest list, a "what is X" question wants the sentence defining X);
 * the answerer uses it to greet, to answer from the guest list, or to search.
 */
export type QuestionIntent =
  | { kind: 'greeting' }
  | { kind: 'people' }
  | { kind: 'definition'; term: string }
  | { kind: 'topic' };

const GREETING = /^(你好|您好|嗨|哈喽|hello|hi|hey|在吗|早上好|下午好|晚上好|谢谢|多谢|感谢|再见|拜拜|你是谁|你能做什么|你会什么|能做什么|怎么用|帮助|help)[!！。.~～呀啊哈呢吗?？]*$/u;
const PEOPLE =
  /(是谁|哪位|哪个单位|什么单位|哪里工作|在哪工作|做什么工作|做什么的|什么职务|职务|身份|头衔|简介|嘉宾有|有哪些嘉宾|哪些专家|有哪些人|哪些人参加|参加访谈|主持人|几位专家|几位嘉宾)/u;
const DEFINITION = [/^(?:什么是|何为|何谓|请解释|解释一下)(.{2,20}?)[?？。]*$/u, /^(.{2,20}?)(?:是什么|指什么|是指什么|什么意思|是什么意思|的含义|的定义)[?？。]*$/u];

export function classifyQuestion(question: string): QuestionIntent {
  const folded = foldText(question).replace(/[?？!！。.,，]+$/u, '');
  if (folded === '' || GREETING.test(folded)) return { kind: 'greeting' };
  for (const pattern of DEFINITION) {
    const match = pattern.exec(folded);
    if (match?.[1]) return { kind: 'definition', term: match[1].replace(/^["']|["']$/gu, '') };
  }
  if (PEOPLE.test(folded)) return { kind: 'people' };
  return { kind: 'topic' };
}
