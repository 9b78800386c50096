import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';
import { attributeReportSpeech, type ReportSpeechResult, type SpeechSpan } from '../../src/corpus/report-speech.js';

/** A feature of ours: headline, date, `本报记者 NAME…` byline, then the body paragraphs. */
function feature(id: string): { body: string[]; byline: string[]; result: ReportSpeechResult } {
  const lines = readFileSync(join(PROJECT_ROOT, 'test/fixtures/reports', `${id}.txt`), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const bylineAt = lines.findIndex((l) => l.startsWith('本报记者'));
  const byline = lines[bylineAt]!.replace('本报记者', '').trim().split(/\s+/u);
  const body = lines.slice(bylineAt + 1);
  return { body, byline, result: attributeReportSpeech(body, { byline }) };
}

/** The body paragraph that starts with `opening`, and what the module says of it. */
function paragraph(f: ReturnType<typeof feature>, opening: string) {
  const index = f.body.findIndex((p) => p.startsWith(opening));
  if (index < 0) throw new Error(`no paragraph starts with ${opening}`);
  const speech = f.result.paragraphs[index]!;
  const words = (s: { start: number; end: number }) => f.body[index]!.slice(s.start, s.end);
  return { ...speech, text: f.body[index]!, words };
}

const read = (paragraphs: string[], byline: string[] = []) => attributeReportSpeech(paragraphs, { byline });
const who = (s: SpeechSpan) => [s.speaker, s.method];

const paishui = feature('paishui-gaizao');
const huajiao = feature('huajiao-xiangcun');
const yisheng = feature('jiating-yisheng');
const zhizao = feature('zhizao-zhuanxing');
const guanniao = feature('hekou-guanniao');

describe('attributeReportSpeech', () => {
  describe('people introduced with post and full name', () => {
    it('reads 市水务局排水处处长马建国 as 马建国 with that post', () => {
      expect(paishui.result.people[0]).toEqual({ name: '马建国', title: '市水务局排水处处长', aliases: ['马处长', '老马'] });
    });

    it('reads 马建国（市水务局排水处处长） with the post in brackets', () => {
      const { people } = read(['记者采访了马建国（市水务局排水处处长）。']);
      expect(people).toEqual([{ name: '马建国', title: '市水务局排水处处长', aliases: [] }]);
    });

    it('reads 中国农业大学教授李红, 村民刘桂花 and 郑宏教授 (a post after the name)', () => {
      expect(huajiao.result.people.map((p) => [p.name, p.title])).toEqual([
        ['王德福', '青石村党支部书记'],
        ['李红', '中国农业大学教授'],
        ['刘桂花', '村民'],
      ]);
      expect(zhizao.result.people.find((p) => p.name === '郑宏')?.title).toBe('教授');
    });

    it('credits a quotation to NAME笑着回忆 and NAME感慨地说 (a word of manner between the name and the verb)', () => {
      const text = '“那年一天只来七八个人，我差点把店关了。”葛巧云笑着回忆。“现在周末要排队。”邵明远感慨地说。';
      const spans = read([text]).paragraphs[0]!.spans;
      expect(spans.map((s) => [s.speaker, text.slice(s.start, s.start + 2)])).toEqual([
        ['葛巧云', '那年'],
        ['邵明远', '现在'],
      ]);
    });

    it('reads 村党支部书记洪海生 (洪 a surname) and credits him the quotation ending his reported words', () => {
      const text = '村党支部书记洪海生说，那几天他带着村干部吃住在码头，“看着大家的心血被浪打坏，心里真不是滋味”。';
      const { people, paragraphs } = read([text]);
      expect(people.map((p) => p.name)).toEqual(['洪海生']);
      const quote = paragraphs[0]!.spans.find((s) => text.slice(s.start, s.end).startsWith('看着'))!;
      expect(quote.speaker).toBe('洪海生');
    });

    it('takes the post in brackets over the word before the name (居民张桂兰（女，68岁，退休教师）)', () => {
      expect(paishui.result.people[1]).toMatchObject({ name: '张桂兰', title: '退休教师' });
    });

    it('gives each of two people joined by 和 their own post', () => {
      const { people } = read(['市水务局排水处处长马建国和虚构大学教授马丽都参加了论证会。']);
      expect(people.map((p) => [p.name, p.title])).toEqual([
        ['马建国', '市水务局排水处处长'],
        ['马丽', '虚构大学教授'],
      ]);
    });

    it('does not take a post inside an organisation’s name for a person (卫生健康委员会 is no 康委员)', () => {
      expect(yisheng.result.people.map((p) => p.name)).toEqual(['张伟', '张丽', '赵秀英', '钱国强']);
    });

    it('lists the people a report quotes, never the reporters on the byline', () => {
      expect(yisheng.result.people.map((p) => p.name)).not.toContain('孙悦');
      expect(huajiao.result.people.map((p) => p.name)).not.toContain('林晓');
    });
  });

  describe('a speech verb before the words', () => {
    it('credits NAME说：“……” to NAME', () => {
      const [p] = read(['市水务局排水处处长马建国说：“今年汛期前，全市新建了三座泵站。”']).paragraphs;
      expect([p!.speaker, p!.method]).toEqual(['马建国', 'quotation']);
      expect(p!.spans.map(who)).toEqual([['马建国', 'verb-before']]);
    });

    it('credits NAME表示，“……” to NAME, the span without the marks', () => {
      const text = '李红表示，“花椒产业的关键在于品种改良和深加工。”';
      const [p] = read([text]).paragraphs;
      expect(p!.spans).toHaveLength(1);
      expect(text.slice(p!.spans[0]!.start, p!.spans[0]!.end)).toBe('花椒产业的关键在于品种改良和深加工。');
      expect(p!.speaker).toBe('李红');
    });

    it('reads the clause after 表示 without marks as the person’s words, up to the sentence end', () => {
      const p = paragraph(paishui, '对于下一步');
      expect([p.speaker, p.method]).toEqual(['马建国', 'quotation']);
      expect(p.spans.map((s) => [p.words(s), s.marked])).toEqual([['排水处将结合“海绵城市”建设，在新建小区推广透水铺装和雨水花园，力争三年内消除城区全部易涝点', false]]);
    });

    it('ends an unmarked clause at its sentence: what follows is narration', () => {
      const text = '马建国认为，老城区改造要先摸清地下管线。记者在现场看到，施工队正在铺设新的管道。';
      const [p] = read([text]).paragraphs;
      expect(p!.spans.map((s) => text.slice(s.start, s.end))).toEqual(['老城区改造要先摸清地下管线']);
    });

    it('credits 在王磊看来，…… and 据他介绍，…… to 王磊', () => {
      const p = paragraph(zhizao, '在王磊看来');
      expect(p.speaker).toBe('王磊');
      expect(p.spans.map((s) => [s.speaker, s.method, p.words(s).slice(0, 6)])).toEqual([
        ['王磊', 'verb-before', '中小企业搞智'],
        ['王磊', 'pronoun', '工厂先改造了'],
      ]);
    });

    it('credits 研究院高级工程师陈晓峰：“……” as a colon lead', () => {
      const p = paragraph(zhizao, '为工厂提供技术方案');
      expect([p.speaker, p.spans.map(who)]).toEqual(['陈晓峰', [['陈晓峰', 'colon-lead']]]);
    });

    it('credits 马建国……，指着一处说：“……” to the subject that opens the sentence', () => {
      const text = '排水处处长马建国在现场翻开图纸，指着一处说：“这里就是最难啃的骨头，地下的管线足足有七层。”';
      const [p] = read([text]).paragraphs;
      expect(p!.spans.map(who)).toEqual([['马建国', 'verb-before']]);
    });

    it('credits 习近平总书记在……时，……，指出“……” to 习近平, a name known by its office', () => {
      const text = '2024年1月31日,习近平总书记在中共中央政治局集体学习时,对新质生产力进行了系统论述,指出“新质生产力是创新起主导作用的先进生产力质态。”';
      const { paragraphs, people } = read([text]);
      expect(paragraphs[0]!.spans.map(who)).toEqual([['习近平', 'verb-before']]);
      expect(people).toEqual([{ name: '习近平', title: '总书记', aliases: ['习近平总书记'] }]);
    });

    it('does not credit a quotation to the sentence’s first name when its last clause has a subject of its own (大家说)', () => {
      const [p] = read(['马建国来了，大家说：“这下放心了，泵站终于修好了。”']).paragraphs;
      expect([p!.speaker, p!.method]).toEqual([null, 'unattributed']);
    });

    it('does not credit words spoken to someone to that someone (马建国对张桂兰说)', () => {
      const [, p] = read(['排水处处长马建国和居民张桂兰在门口聊了起来。', '马建国对张桂兰说：“下周管道就能通水了，您放心。”']).paragraphs;
      expect(p!.speaker).toBe('马建国');
    });
  });

  describe('a speech verb after the words', () => {
    it('credits “……”市水务局排水处处长马建国说。 to 马建国, the post between the mark and the name', () => {
      const p = paragraph(paishui, '“往年一场大雨');
      expect([p.speaker, p.method, p.spans.map(who)]).toEqual(['马建国', 'quotation', [['马建国', 'verb-after']]]);
    });

    it('credits “……”，他补充道。 to the last person named', () => {
      const { paragraphs } = read(['市水务局排水处处长马建国介绍了今年的改造计划。', '“泵站的自动化控制系统已经全部调试完毕。”，他补充道。']);
      expect([paragraphs[1]!.speaker, paragraphs[1]!.spans.map(who)]).toEqual(['马建国', [['马建国', 'pronoun']]]);
    });

    it('credits both halves of “……，”王磊说，“……。” to 王磊', () => {
      const p = paragraph(zhizao, '“当时摆在面前');
      expect(p.spans.map((s) => [s.speaker, s.method, p.words(s)])).toEqual([
        ['王磊', 'verb-after', '当时摆在面前的只有两条路，要么转型，要么关门，'],
        ['王磊', 'verb-before', '我们选了最难的那条。'],
      ]);
    });
  });

  describe('他 and 她', () => {
    it('gives 他说 to the last person named when the text gives no gender', () => {
      const { paragraphs } = read(['李红介绍了实验站的情况。', '“我们在村里一住就是半年。”他说。']);
      expect(paragraphs[1]!.speaker).toBe('李红');
    });

    it('respects the gender the text gives (女士, 先生): 她 passes over the man named last', () => {
      const { paragraphs } = read(['退休教师刘芳女士和快递员陈刚先生都住在这个小区。', '“电梯装好以后，我每天都下楼散步。”她说。', '“以前送快递最怕老小区没电梯。”他说。']);
      expect(paragraphs.slice(1).map((p) => p.speaker)).toEqual(['刘芳', '陈刚']);
    });

    it('gives 她说 after 钱国强先生 to 赵秀英女士 in the feature', () => {
      const p = paragraph(yisheng, '“医生每次来');
      expect([p.speaker, p.spans.map(who)]).toEqual(['赵秀英', [['赵秀英', 'pronoun']]]);
    });

    it('leaves 他说：“……” unattributed when nobody is named before it', () => {
      const [p] = read(['他说：“今年的雨水比往年多了三成，泵站一天都没停过。”']).paragraphs;
      expect([p!.speaker, p!.method, p!.confidence, p!.spans]).toEqual([null, 'unattributed', 0, []]);
      expect(p!.unattributed[0]!.reason).toMatch(/nobody named/);
    });

    it('reads 她认为，…… with 她 for the expert introduced just before', () => {
      const p = paragraph(huajiao, '为青石村提供技术支持');
      expect(p.spans.map(who)).toEqual([['李红', 'pronoun']]);
    });
  });

  describe('surname + post aliases', () => {
    it('credits “……”，马处长说。 to 马建国', () => {
      const { paragraphs } = read(['记者采访了马建国（市水务局排水处处长）。', '“今年汛期前，全市新建了三座泵站，改造管网一百二十公里。”，马处长说。']);
      expect([paragraphs[1]!.speaker, paragraphs[1]!.spans.map(who)]).toEqual(['马建国', [['马建国', 'alias']]]);
    });

    it('resolves 李教授, 王书记 and 王总 to the people introduced with those posts', () => {
      expect(paragraph(huajiao, '“过去我们讲科技下乡').speaker).toBe('李红');
      expect(paragraph(huajiao, '村里推行').spans.map(who)).toEqual([['王德福', 'alias']]);
      expect(paragraph(zhizao, '“下一步').speaker).toBe('王磊');
    });

    it('tells 马处长 from 马教授 by the post', () => {
      const { paragraphs } = read(['市水务局排水处处长马建国和虚构大学教授马丽都参加了论证会。', '“泵站的规模要留有余量。”马处长说。', '“还要算好投资回报。”马教授说。']);
      expect(paragraphs.slice(1).map((p) => p.speaker)).toEqual(['马建国', '马丽']);
    });

    it('leaves 张主任 unattributed when two 张 are 主任, naming both in the reason', () => {
      const p = paragraph(yisheng, '“社区能看的病');
      expect([p.speaker, p.method, p.spans]).toEqual([null, 'unattributed', []]);
      expect(p.unattributed.map((u) => u.reason)).toEqual(['张主任 may be any of 张伟, 张丽']);
    });

    it('leaves 老马 unattributed when two 马 were named, and a 他 after it too', () => {
      const { paragraphs } = read(['市水务局排水处处长马建国和虚构大学教授马丽都参加了论证会。', '“我们的意见其实一致。”老马说。', '他说：“论证会开了整整一天。”']);
      expect(paragraphs.slice(1).map((p) => p.method)).toEqual(['unattributed', 'unattributed']);
    });

    it('leaves a 他 unresolved after a name within the words someone is said to speak (介绍说，这是……NAME), never the person so named', () => {
      const { paragraphs } = read(['馆长钟启明带着一位年轻人走进库房，钟启明介绍说，这是副馆长邬海。“我们认识十年了，”他笑着补充，“他比我更懂这些纸。”']);
      expect(paragraphs[0]!.spans.map(who)).toEqual([['钟启明', 'verb-before']]);
      expect(paragraphs[0]!.unattributed.map((u) => u.reason)).toEqual(['他 may be any of 钟启明, 邬海', '他 may be any of 钟启明, 邬海']);
    });

    it('resolves 老马 to the one 马 named before', () => {
      expect(paragraph(paishui, '临别时').spans.map(who)).toEqual([['马建国', 'alias']]);
    });
  });

  describe('people over the whole feature', () => {
    it('gives 郑站长 to 郑海平, introduced as 管理站站长郑海平 before a word no name runs into (蹲在)', () => {
      expect(guanniao.result.people[0]).toEqual({ name: '郑海平', title: '河口保护区管理站站长', aliases: ['郑站长'] });
      expect(paragraph(guanniao, '对于游客').spans.map(who)).toEqual([
        ['郑海平', 'pronoun'],
        ['郑海平', 'pronoun'],
      ]);
    });

    it('credits a quotation to a name printed before the text introduces it (…高一学生汪子涵擦着汗说 before 汪子涵说，…)', () => {
      const p = paragraph(guanniao, '“我们想把观测点');
      expect(p.spans.map((s) => [s.speaker, s.method, p.words(s)])).toEqual([['汪子涵', 'verb-after', '我们想把观测点再往外推一公里。']]);
      expect(p.unattributed).toEqual([]);
    });

    it('gives 她 to the woman named last, never to the man the text called 他 (苏晓雨 after 郑站长)', () => {
      const p = paragraph(guanniao, '“刚开始');
      expect(p.speaker).toBe('苏晓雨');
      expect(p.spans.map((s) => [s.speaker, p.words(s).slice(0, 6)])).toEqual([
        ['苏晓雨', '刚开始连白鹭'],
        ['苏晓雨', '现在听叫声就'],
        ['苏晓雨', '最辛苦的是涨'],
        ['苏晓雨', '好在郑站长每'],
      ]);
    });

    it('keeps the sentences of a quoted paragraph that only tell of the person the reporter’s (narration)', () => {
      const p = paragraph(guanniao, '今年四十九岁');
      expect([p.speaker, p.method]).toEqual(['郑海平', 'quotation']);
      expect(p.narration?.map((n) => p.text.slice(n.start, n.end))).toEqual(['今年四十九岁的郑站长，已经在保护站工作了二十年']);
      expect(paragraph(guanniao, '“刚开始').narration).toBeUndefined();
      // Narration paragraphs are the reporter's as a whole: nothing to list.
      expect(paragraph(guanniao, '傍晚').narration).toBeUndefined();
    });

    it('leaves 她说 unattributed when the only person named was called 他', () => {
      const { paragraphs } = read(['站长郑海平说：“今年的鸟比去年多。”', '他告诉记者，保护站明年还要再添两个观测点。', '“我第一次来就喜欢上了这里。”她说。']);
      expect([paragraphs[2]!.method, paragraphs[2]!.unattributed[0]?.reason]).toEqual(['unattributed', '她 refers to nobody named before it']);
    });

    it('does not pass a gender read from a pronoun to reach someone named before: the 她 is left open', () => {
      const { paragraphs } = read(['退休教师刘芳女士也来了。', '站长郑海平说：“今年的鸟比去年多。”', '他告诉记者，保护站明年还要再添两个观测点。', '“我第一次来就喜欢上了这里。”她说。']);
      expect(paragraphs[3]!.method).toBe('unattributed');
      // A printed gender is passed over as before (先生 → 她 is the woman named before him).
      const printed = read(['退休教师刘芳女士也来了。', '快递员陈刚先生说：“电梯装好了。”', '“我每天都下楼散步。”她说。']).paragraphs;
      expect(printed[2]!.speaker).toBe('刘芳');
    });

    it('reads the clause of a later name in a sentence whose first name’s verb opens a quotation (“……”苏晓雨说，“……”她表示，……)', () => {
      const text = '“刚开始认不清，”苏晓雨说，“现在能分出来。”她表示，最辛苦的是涨潮前要赶回岸上。';
      const [p] = read(['志愿者苏晓雨在记录数据。', text]).paragraphs.slice(1);
      expect(p!.spans.map((s) => text.slice(s.start, s.end))).toEqual(['刚开始认不清，', '现在能分出来。', '最辛苦的是涨潮前要赶回岸上']);
    });
  });

  describe('a quotation over several paragraphs', () => {
    it('keeps three paragraphs (each opening with “, the last closing) with the speaker named after the close', () => {
      const opening = paishui.body.findIndex((p) => p.startsWith('“我们白天勘测'));
      const run = paishui.result.paragraphs.slice(opening, opening + 3);
      expect(run.map((p) => [p.speaker, p.method])).toEqual([
        ['马建国', 'quotation'],
        ['马建国', 'quotation'],
        ['马建国', 'quotation'],
      ]);
      expect(run.flatMap((p) => p.spans.map((s) => s.as))).toEqual(['马处长', '马处长', '马处长']);
    });

    it('keeps the later paragraphs with the speaker named before the opening mark', () => {
      const { paragraphs } = read(['马建国说：“第一段话，讲的是泵站。', '“第二段话，讲的是管网。', '“第三段话，讲的是人。”', '“这是另一句话，没有人说。']);
      expect(paragraphs.slice(0, 3).map((p) => p.speaker)).toEqual(['马建国', '马建国', '马建国']);
      // A quotation opened after the close belongs to nobody named.
      expect(paragraphs[3]!.method).toBe('unattributed');
    });

    it('trusts a later paragraph of a long quotation a little less than the first', () => {
      const { paragraphs } = read(['马建国说：“第一段话，讲的是泵站。', '“第二段话，讲的是管网。”']);
      expect(paragraphs[1]!.confidence).toBeLessThan(paragraphs[0]!.confidence);
    });
  });

  describe('someone quoted inside a quotation', () => {
    it('keeps the expert as speaker and records 习近平总书记 as the person quoted', () => {
      const p = paragraph(huajiao, '“过去我们讲科技下乡');
      expect(p.spans).toHaveLength(1);
      expect(p.spans[0]).toMatchObject({ speaker: '李红', quoting: { person: '习近平', honorific: '总书记' } });
    });

    it('records no quoting when the speaker quotes nobody', () => {
      expect(paragraph(zhizao, '“机器换人').spans[0]!.quoting).toBeUndefined();
    });
  });

  describe('terms and narration', () => {
    it('does not take “一村一品” for a quotation', () => {
      const p = paragraph(huajiao, '村里推行');
      const term = p.text.indexOf('一村一品');
      expect(p.spans.some((s) => s.start <= term && term < s.end)).toBe(false);
      expect(p.unattributed).toEqual([]);
    });

    it('gives a narration paragraph to nobody (the reporter’s), method narration', () => {
      for (const f of [paishui, huajiao, yisheng, zhizao]) {
        expect([f.result.paragraphs[0]!.speaker, f.result.paragraphs[0]!.method]).toEqual([null, 'narration']);
      }
    });

    it('keeps speaker null for narration with a short quotation, listing the span', () => {
      const p = paragraph(yisheng, '“签约以后');
      expect([p.speaker, p.method]).toEqual([null, 'narration']);
      expect(p.spans.map(who)).toEqual([['赵秀英', 'verb-after']]);
    });

    it('credits 记者问张丽：“……？” to the byline’s reporter and the answer to 张丽', () => {
      const p = paragraph(yisheng, '记者问张丽');
      expect(p.spans.map((s) => s.speaker)).toEqual(['孙悦', '张丽']);
      expect(p.speaker).toBe('张丽');
    });

    it('never credits a paragraph to a reporter: their words are narration', () => {
      const [p] = read(['“这座泵站一天能抽多少水？”记者问。'], ['赵一帆']).paragraphs;
      expect([p!.speaker, p!.method, p!.spans.map((s) => s.speaker)]).toEqual([null, 'narration', ['赵一帆']]);
    });

    it('flags a long quotation with no speaker named as unattributed, never as narration', () => {
      const [p] = read(['“今年汛期前，全市新建了三座泵站，改造管网一百二十公里。”']).paragraphs;
      expect([p!.speaker, p!.method]).toEqual([null, 'unattributed']);
      expect(p!.unattributed[0]!.reason).toMatch(/no speaker named/);
    });
  });

  describe('confidence', () => {
    it('ranks a full name with a verb above an alias, and an alias above a pronoun', () => {
      const byName = paragraph(paishui, '“往年一场大雨').confidence;
      const byAlias = paragraph(paishui, '临别时').confidence;
      const byPronoun = paragraph(paishui, '马建国今年52岁').confidence;
      expect(byName).toBeGreaterThan(byAlias);
      expect(byAlias).toBeGreaterThan(byPronoun);
      expect(byPronoun).toBeGreaterThan(0);
    });

    it('explains each paragraph', () => {
      expect(paragraph(paishui, '临别时').reason).toMatch(/马建国's words, credited by alias \(老马\)/u);
    });
  });

  describe('spans, whatever the text', () => {
    const pieces = [
      '马建国', '市水务局排水处处长', '马处长', '老马', '李红', '教授', '他', '她', '说', '表示', '认为', '，', '。', '：',
      '“', '”', '‘', '’', '（女，退休教师）', '记者问', '张主任', '今年新建了三座泵站', '正如习近平总书记所说，', '据', '介绍', '在', '看来', ' ',
    ];
    const paragraphText = fc.array(fc.constantFrom(...pieces), { maxLength: 30 }).map((p) => p.join(''));
    const randomText = fc.string({ unit: fc.constantFrom(...'马建国处长说表示认为他她“”‘’，。：老李教授记者问（）女'.split('')), maxLength: 60 });

    it('lie within their paragraph, in order, and never overlap', () => {
      fc.assert(
        fc.property(fc.array(fc.oneof(paragraphText, randomText), { maxLength: 6 }), fc.array(fc.constantFrom('赵一帆', '孙悦'), { maxLength: 2 }), (paragraphs, byline) => {
          const result = attributeReportSpeech(paragraphs, { byline });
          expect(result.paragraphs).toHaveLength(paragraphs.length);
          result.paragraphs.forEach((p, i) => {
            const all = [...p.spans, ...p.unattributed].sort((a, b) => a.start - b.start);
            for (const [k, s] of all.entries()) {
              expect(0 <= s.start && s.start < s.end && s.end <= paragraphs[i]!.length).toBe(true);
              if (k > 0) expect(all[k - 1]!.end).toBeLessThanOrEqual(s.start);
            }
            expect(p.speaker === null).toBe(p.method !== 'quotation');
            for (const s of p.spans) expect(s.confidence).toBeGreaterThan(0);
          });
        }),
        { numRuns: 300 },
      );
    });
  });
});
