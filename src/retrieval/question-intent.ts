import { foldText } from '../corpus/normalize-text.js';
import { roleWordPattern } from '../corpus/role-words.js';

/**
 * What kind of question this is, from its wording alone. Retrieval uses it to weigh passages
 * (a "who is" question wants the guest list, a "what is X" question wants the sentence defining X);
 * the answerer uses it to greet, to answer from the guest list, or to search.
 */
export type QuestionIntent =
  | { kind: 'greeting' }
  | { kind: 'people' }
  | { kind: 'definition'; term: string }
  | { kind: 'topic'; enumerates: boolean };

const GREETING = /^(你好|您好|嗨|哈喽|hello|hi|hey|在吗|早上好|下午好|晚上好|谢谢|多谢|感谢|再见|拜拜|你是谁|你能做什么|你会什么|能做什么|怎么用|帮助|help)[!！。.~～呀啊哈呢吗?？]*$/u;
/** Identity questions about someone: who they are, where they work. Only about people in the article. */
const IDENTITY = /(是谁|是哪位|哪个单位|什么单位|哪里工作|在哪工作|做什么工作|做什么的|什么职务|职务是|什么职位|身份|头衔|简介|介绍一下|什么人)/u;
/** Words that make a question about the article's people (besides their names). */
const PEOPLE_WORDS = roleWordPattern();
/** Questions about who took part. */
const PARTICIPANTS = /(有哪些嘉宾|嘉宾有|哪些专家参加|哪几位专家|哪几位嘉宾|有哪些人参加|哪些人参加|参加访谈|接受采访|接受了采访|几位专家|几位嘉宾|有哪些专家|嘉宾是谁|专家是谁|都有谁)/u;
/** Questions that ask for a list of points: answered point by point. */
const ENUMERATION = /(哪几点|哪几个方面|哪些方面|几个方面|哪几方面|几方面|哪些建议|哪些举措|哪些措施|几点建议|哪些对策|哪些路径)/u;
/** `什么是X？`, `X是什么？`: X a short term, not a clause (`青海最大的短板是什么` is a topic question). */
const DEFINITION = [
  /^(?:什么是|何为|何谓|请解释|解释一下)([^的,，]{2,10}?)[?？。]*$/u,
  // `李娜怎么定义新质生产力？`, `如何认识和理解"新质生产力"？` (quotes are folded to ")
  /^(?:[\p{Script=Han}]{2,4})?(?:怎么|如何|怎样)(?:认识和)?(?:定义|理解)"?([^的,，"]{2,10}?)"?[?？。]*$/u,
  /^([^的,，]{2,10}?)(?:是什么|指什么|是指什么|什么意思|是什么意思|的含义|的定义)[?？。]*$/u,
];

/**
 * Classifies a question. `names` are the people of the article (experts and host): "X是谁" is a
 * question about people only when X is one of them or a role word (主持人, 嘉宾…).
 */
export function classifyQuestion(question: string, names: string[] = []): QuestionIntent {
  const folded = foldText(question).replace(/[?？!！。.,，]+$/u, '');
  if (folded === '' || GREETING.test(folded)) return { kind: 'greeting' };
  const aboutPeople = PEOPLE_WORDS.test(folded) || names.some((n) => folded.includes(n));
  if (PARTICIPANTS.test(folded) || (IDENTITY.test(folded) && aboutPeople)) return { kind: 'people' };
  for (const pattern of DEFINITION) {
    const match = pattern.exec(folded);
    if (match?.[1]) return { kind: 'definition', term: match[1].replace(/^["']|["']$/gu, '') };
  }
  return { kind: 'topic', enumerates: ENUMERATION.test(folded) };
}

/** Matches a clause that defines a term: `“新质生产力是创新起主导作用…`, not `发展新质生产力是…`. */
export function definitionPattern(term: string): RegExp {
  const escaped = foldText(term).replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
  return new RegExp(`(?:^|[,;:。"'(])${escaped}是`, 'u');
}
