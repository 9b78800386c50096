import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';
import { makeCitation } from '../../src/answer/citations.js';
import { QuoteVerifier } from '../../src/check/verify-quote.js';
import { CorpusError, parseArticle, readArticle, type Article } from '../../src/corpus/parse-article.js';
import { readTurnLabel } from '../../src/corpus/turn-label.js';

const fixture = (name: string) => readFileSync(join(PROJECT_ROOT, 'test/fixtures/layouts', `${name}.txt`), 'utf8');

/** Who speaks each turn paragraph (labelled, continued, narrated), in order. */
const turnSpeakers = (article: Article) =>
  article.paragraphs.filter((p) => p.kind === 'host-question' || p.kind === 'expert-turn' || p.kind === 'narration').map((p) => p.speaker);

/** One line a paragraph: id, kind, speaker/role, method, confidence, label, the opening words. */
const attributionListing = (article: Article) =>
  [
    `layout ${article.layout.name} (${article.genre}) score ${article.layout.score}`,
    ...article.paragraphs.map((p) => `${p.id} ${p.kind} ${p.speaker}/${p.role} ${p.attribution.method} ${p.attribution.confidence}${p.attribution.label ? ` [${p.attribution.label}]` : ''} | ${p.text.slice(0, 20)}`),
    ...article.doubts.map((d) => `doubt ${d.reason} ${d.paragraph ?? '-'}: ${d.message}`),
  ].join('\n') + '\n';

/**
 * One fixture of our own per habit, each read by hand: the layout it is, and who speaks each turn.
 */
const HABITS: Array<{ name: string; layout: string; genre: Article['genre']; speakers: string }> = [
  { name: 'web-transcript', layout: 'web-transcript', genre: 'transcript', speakers: '主持人 周文涛 韩晓梅 主持人 周文涛 周文涛 主持人 韩晓梅 韩晓梅 主持人 周文涛 主持人' },
  { name: 'bracket-transcript', layout: 'bracket-transcript', genre: 'transcript', speakers: '主持人 林秀芬 邓志刚 主持人 林秀芬 林秀芬 主持人 邓志刚 林秀芬 主持人' },
  { name: 'bracket-host-self-named', layout: 'bracket-transcript', genre: 'transcript', speakers: '纪云帆 温志刚 邹丽萍 纪云帆 温志刚 纪云帆 邹丽萍 纪云帆' },
  { name: 'broadcast-transcript', layout: 'broadcast-transcript', genre: 'broadcast', speakers: '蘇曉雯 解说 陳浩 解说 省教育廳廳長 蘇曉雯 何建明 陳浩 蘇曉雯' },
  { name: 'broadcast-role-holder', layout: 'broadcast-transcript', genre: 'broadcast', speakers: '解说 范秋菊 解说 侯思遠 柯建平 柯建平 侯思遠 范秋菊' },
  { name: 'broadcast-post-label', layout: 'broadcast-transcript', genre: 'broadcast', speakers: '魏書涵 解说 郭明遠 郭明遠 解说 魏書涵 郭明遠 魏書涵' },
  { name: 'editors-note-zhu', layout: 'reporter-interview', genre: 'interview', speakers: '记者 柯远航 记者 闵秀云 记者 柯远航' },
  { name: 'broadcast-place-post', layout: 'broadcast-transcript', genre: 'broadcast', speakers: '蘇映雪 解说 魏國棟 魏國棟 解说 彭德海 蘇映雪' },
  { name: 'broadcast-script-tag', layout: 'broadcast-transcript', genre: 'broadcast', speakers: '蔣慧琳 解说 柏永昌 蔣慧琳 柏永昌 蔣慧琳' },
  { name: 'broadcast-word-surname-holder', layout: 'broadcast-transcript', genre: 'broadcast', speakers: '龐雪晴 解说 和志強 龐雪晴 和志強 解说 和志強' },
  { name: 'broadcast-long-post-label', layout: 'broadcast-transcript', genre: 'broadcast', speakers: '溫曉蕾 解说 聶長青 溫曉蕾 聶長青 溫曉蕾' },
  { name: 'broadcast-unit-post-label', layout: 'broadcast-transcript', genre: 'broadcast', speakers: '程曉帆 解说 龔德文 解说 侯秀珍 解说 程曉帆 龔德文 程曉帆' },
  { name: 'broadcast-post-verb', layout: 'broadcast-transcript', genre: 'broadcast', speakers: '嚴雅琴 解说 柏文清 柏文清 嚴雅琴 柏文清 嚴雅琴' },
  { name: 'broadcast-credited-narrator', layout: 'broadcast-transcript', genre: 'broadcast', speakers: '甘淑儀 莫曉嵐 聶振邦 莫曉嵐 甘淑儀 聶振邦 莫曉嵐 甘淑儀' },
  { name: 'hard-wrapped', layout: 'plain-record', genre: 'interview', speakers: '宋雨 郑国华 郑国华 宋雨 郑国华 宋雨 郑国华' },
  { name: 'record-profile-on-label-line', layout: 'qa', genre: 'qa', speakers: '严若水 卜永年 严若水 卜永年 严若水 卜永年' },
  { name: 'record-profile-under-heading', layout: 'plain-record', genre: 'interview', speakers: '柯望舒 滕长河 柯望舒 滕长河' },
  { name: 'record-credit-lines', layout: 'plain-record', genre: 'interview', speakers: '宋雨 郑国华 郑国华 宋雨 郑国华 宋雨 郑国华' },
  { name: 'record-several-credits', layout: 'plain-record', genre: 'interview', speakers: '符晓川 骆秀珍 符晓川 骆秀珍 骆秀珍 符晓川 骆秀珍 符晓川 骆秀珍 符晓川 骆秀珍' },
  { name: 'qa-one', layout: 'qa', genre: 'qa', speakers: '贾明 冯玉兰 贾明 冯玉兰 贾明 冯玉兰 贾明 冯玉兰' },
  { name: 'qa-several', layout: 'qa', genre: 'qa', speakers: '邱立 潘永年 樊丽娟 邱立 樊丽娟 潘永年 邱立 潘永年' },
  { name: 'qa-name-answer-labels', layout: 'qa', genre: 'qa', speakers: '单晓舟 邹德林 单晓舟 邹德林 蒲小禾 单晓舟 蒲小禾 蒲小禾 单晓舟 屈玉珍' },
  { name: 'guest-list-column-names', layout: 'web-transcript', genre: 'transcript', speakers: '主持人 扎西平措 主持人 古丽娜尔 古丽娜尔 主持人 牛海 古丽娜尔 主持人' },
  { name: 'qa-named-answers', layout: 'qa', genre: 'qa', speakers: '龙海鹏 桂芳华 龙海鹏 季永康 季永康 龙海鹏 常晓雨 桂芳华' },
  { name: 'host-line-this-issue', layout: 'web-transcript', genre: 'transcript', speakers: '祝晓岚 邬建华 祝晓岚 卞秋云 祝晓岚' },
  { name: 'profile-list', layout: 'web-transcript', genre: 'transcript', speakers: '主持人 邹国辉 主持人 骆雪晴 主持人 聂远山 聂远山 邹国辉' },
  { name: 'report-then-qa', layout: 'reporter-interview', genre: 'interview', speakers: '滕一鸣 冉子轩 冉子轩 滕一鸣 蒲德顺' },
  { name: 'headline-colon-report-qa', layout: 'reporter-interview', genre: 'interview', speakers: '金若岚 洪立平 金若岚 洪立平' },
  { name: 'profile-prose-four-char-name', layout: 'web-transcript', genre: 'transcript', speakers: '主持人 欧阳明远 欧阳明远 主持人 顾小满 主持人 欧阳明远 顾小满' },
  { name: 'narration-introduces-next', layout: 'reporter-interview', genre: 'interview', speakers: '韦青 柯振南 蒙小涛 韦青 蒙小涛' },
  { name: 'qa-kicker-interviewee', layout: 'qa', genre: 'qa', speakers: '宁晚 庞立秋 宁晚 庞立秋 宁晚 庞立秋' },
  { name: 'qa-lead-reporter', layout: 'qa', genre: 'qa', speakers: '甘露 祁长河 祁长河 甘露 祁长河 甘露 祁长河' },
  { name: 'qa-byline-reporter', layout: 'qa', genre: 'qa', speakers: '蓝小舟 褚文涛 蓝小舟 褚文涛 褚文涛 蓝小舟 褚文涛' },
  { name: 'qa-unnamed-reporter', layout: 'qa', genre: 'qa', speakers: '记者 骆永平 齐桂兰 记者 骆永平 记者 齐桂兰' },
  { name: 'closing-gesture-lead', layout: 'reporter-interview', genre: 'interview', speakers: '曲文静 邵明川 曲文静 邵明川' },
  { name: 'closing-narration', layout: 'reporter-interview', genre: 'interview', speakers: '柏青 汤子墨 汤子墨 柏青 汤子墨' },
  { name: 'reporter-interview', layout: 'reporter-interview', genre: 'interview', speakers: '龚晨 谭静 谭静 龚晨 谭静 龚晨 谭静' },
  { name: 'parts-interview', layout: 'reporter-interview', genre: 'interview', speakers: '蒋涛 孔令仪 戴明轩 蒋涛 戴明轩 戴明轩 孔令仪 蒋涛' },
  { name: 'roundtable-titled', layout: 'roundtable', genre: 'roundtable', speakers: '蔡宁 石慧敏 汪德胜 蔡宁 姜海波 石慧敏' },
  { name: 'surname-title-label', layout: 'web-transcript', genre: 'transcript', speakers: '主持人 宁致远 霍晓岚 主持人 宁致远 主持人 霍晓岚 主持人 宁致远 主持人' },
  { name: 'padded-name-label', layout: 'web-transcript', genre: 'transcript', speakers: '主持人 柴明远 邓娟 鲁秀英 主持人 邓娟 主持人 柴明远 邓娟 主持人 鲁秀英 主持人 邓娟' },
  { name: 'qa-bare-answer-elder', layout: 'qa', genre: 'qa', speakers: '石青禾 孔德茂 石青禾 柏文静 石青禾 单一凡 石青禾 单一凡 柏文静 石青禾 孔德茂 石青禾 孔德茂 柏文静 单一凡' },
  { name: 'qa-familiar-labels', layout: 'qa', genre: 'qa', speakers: '邵云舒 柯德山 邵云舒 柯小川 邵云舒 柯德山 柯小川 邵云舒 柯德山 柯小川' },
  { name: 'interview-familiar-only-in-lead', layout: 'reporter-interview', genre: 'interview', speakers: '鲁一帆 滕有根 鲁一帆 段晓峰 鲁一帆 段晓峰 鲁一帆 滕有根' },
  { name: 'qa-compound-surname-kicker', layout: 'qa', genre: 'qa', speakers: '钱远航 司徒静岚 钱远航 司徒静岚 钱远航 司徒静岚' },
  { name: 'qa-bracketed-reporters-note', layout: 'qa', genre: 'qa', speakers: '蒲晓棠 柏远征 编者 蒲晓棠 柏远征' },
  { name: 'bracket-question-unlabelled-answers', layout: 'marked-qa', genre: 'interview', speakers: '柏晓雯 邹长林 柏晓雯 邹长林 柏晓雯 邹长林 柏晓雯 邹长林' },
  { name: 'degree-title-label', layout: 'reporter-interview', genre: 'interview', speakers: '杭一舟 阎秋菊 杭一舟 庞文华 杭一舟 庞文华 阎秋菊' },
  { name: 'column-tag-roundtable', layout: 'web-transcript', genre: 'transcript', speakers: '莫小川 阮国栋 莫小川 尤青 尤青 莫小川 阮国栋 尤青' },
  { name: 'news-feature-word-surname', layout: 'report', genre: 'report', speakers: '' },
  { name: 'topic-lines', layout: 'web-transcript', genre: 'transcript', speakers: '苗青 韦建国 骆小雨 苗青 韦建国 骆小雨 苗青' },
  { name: 'editors-note-under-byline', layout: 'reporter-interview', genre: 'interview', speakers: '简一诺 葛明远 简一诺 欧秀华 简一诺 欧秀华 葛明远' },
  { name: 'report-editors-note-first', layout: 'report', genre: 'report', speakers: '' },
  { name: 'closing-credit-reporter', layout: 'reporter-interview', genre: 'interview', speakers: '岑若溪 温守业 岑若溪 温守业 岑若溪 温守业' },
  { name: 'report-surname-chu', layout: 'report', genre: 'report', speakers: '' },
  { name: 'report-gesture-then-says', layout: 'report', genre: 'report', speakers: '' },
  { name: 'report-news-lead-closing-credit', layout: 'report', genre: 'report', speakers: '' },
  { name: 'qa-dateline-closing', layout: 'qa', genre: 'qa', speakers: '米晓岚 钱立川 米晓岚 钱立川 米晓岚 钱立川' },
  { name: 'report-news-lead-bracket-credit', layout: 'report', genre: 'report', speakers: '' },
  { name: 'paper-name-question-label', layout: 'qa', genre: 'qa', speakers: '查一鸣 符文涛 查一鸣 祁小满 查一鸣 符文涛 祁小满' },
  { name: 'web-audience-nickname', layout: 'web-transcript', genre: 'transcript', speakers: '主持人 骆家瑞 詹秀梅 主持人 詹秀梅 河边晒太阳 骆家瑞 主持人' },
  { name: 'report-two-desk-byline', layout: 'report', genre: 'report', speakers: '' },
  { name: 'compiled-record-quoted-title', layout: 'web-transcript', genre: 'transcript', speakers: '主持人 鲍承宇 芮晓冬 主持人 鲍承宇 主持人 芮晓冬 主持人' },
  { name: 'bracket-host-hand-over', layout: 'bracket-transcript', genre: 'transcript', speakers: '于晓婷 尹国平 于晓婷 尹国平 于晓婷 卓慧 于晓婷 赖文杰 尹国平 赖文杰 卓慧 赖文杰' },
  { name: 'qa-addressed-answers', layout: 'qa', genre: 'qa', speakers: '尚可为 罗文秀 尚可为 安德烈·伍 尚可为 温小燕 尚可为 罗文秀 尚可为 安德烈·伍 温小燕 罗文秀' },
  { name: 'bracket-closing-compiled', layout: 'bracket-transcript', genre: 'transcript', speakers: '主持人 卫思远 伍晓晴 主持人 卫思远 主持人 伍晓晴 主持人' },
  { name: 'boxed-byline-credit', layout: 'reporter-interview', genre: 'interview', speakers: '宫若帆 邢雨桐 宫若帆 邢雨桐 宫若帆 尤小满 宫若帆 尤小满' },
  { name: 'broadcast-long-title-label', layout: 'broadcast-transcript', genre: 'broadcast', speakers: '華靜宜 解说 蕭立群 華靜宜 施明遠 華靜宜 蕭立群' },
  { name: 'guest-list-then-time-lead', layout: 'reporter-interview', genre: 'interview', speakers: '郑雨禾 阎立新 郑雨禾 郁可 郑雨禾 阎立新' },
  { name: 'report-surname-gan', layout: 'report', genre: 'report', speakers: '' },
  { name: 'report-clause-then-quote', layout: 'report', genre: 'report', speakers: '' },
  { name: 'report-account-carried-on', layout: 'report', genre: 'report', speakers: '' },
  { name: 'report-talk-turns-to', layout: 'report', genre: 'report', speakers: '' },
  { name: 'writer-byline-record', layout: 'plain-record', genre: 'interview', speakers: '卓青禾 郁长林 卓青禾 郁长林 包文涛 卓青禾 郁长林' },
  { name: 'special-correspondent-byline', layout: 'reporter-interview', genre: 'interview', speakers: '邬晴川 蒲启明 邬晴川 蒲启明' },
  { name: 'qa-surname-post-answers', layout: 'qa', genre: 'qa', speakers: '房晓禾 柏文山 房晓禾 卜秀芝 房晓禾 柏文山 卜秀芝' },
  { name: 'qa-address-answers', layout: 'qa', genre: 'qa', speakers: '房晓禾 苟长顺 房晓禾 邬桂英 房晓禾 苟长顺' },
  { name: 'broadcast-titled-name-alone', layout: 'broadcast-transcript', genre: 'broadcast', speakers: '侯思遠 解说 阿依古麗 侯思遠 阿依古麗 解说' },
  { name: 'report-surname-jian', layout: 'report', genre: 'report', speakers: '' },
  { name: 'record-interviewee-line', layout: 'plain-record', genre: 'interview', speakers: '宋雨 鲍海生 宋雨 鲍海生 宋雨' },
  { name: 'closing-profile-heading', layout: 'web-transcript', genre: 'transcript', speakers: '主持人 计明远 主持人 计明远 主持人 编者' },
  { name: 'qa-founder-kicker-profile', layout: 'qa', genre: 'qa', speakers: '韦长风 祁秀兰 韦长风 祁秀兰 韦长风 祁秀兰 韦长风 祁秀兰' },
  { name: 'qa-listed-interviewees-follow-up', layout: 'qa', genre: 'qa', speakers: '温如玉 庞立群 温如玉 詹晓梅 温如玉 詹晓梅 温如玉 司马良 温如玉 司马良 温如玉 庞立群' },
  { name: 'report-editors-note-under-byline', layout: 'report', genre: 'report', speakers: '' },
  { name: 'guest-list-padded-host', layout: 'web-transcript', genre: 'transcript', speakers: '江南 贺鸣 江南 欧阳青 江南 贺鸣' },
  { name: 'report-occupation-speakers', layout: 'report', genre: 'report', speakers: '' },
  { name: 'topic-lines-lead-guide', layout: 'reporter-interview', genre: 'interview', speakers: '柯青禾 尹德昌 柯青禾 尹德昌 柯青禾 蒲晓禾' },
  { name: 'marked-questions-answers', layout: 'marked-qa', genre: 'interview', speakers: '柴晓雨 钟远峰 柴晓雨 钟远峰 柴晓雨 钟远峰 柴晓雨 钟远峰' },
  { name: 'broadcast-post-named-by-verb', layout: 'broadcast-transcript', genre: 'broadcast', speakers: '賀雨桐 解说 龔立新 解说 龔立新 賀雨桐' },
  { name: 'report-compound-surname', layout: 'report', genre: 'report', speakers: '' },
  { name: 'report-child-nickname', layout: 'report', genre: 'report', speakers: '' },
  { name: 'qa-compound-surname-answers', layout: 'qa', genre: 'qa', speakers: '葛清远 皇甫晴 皇甫晴 葛清远 令狐长庚 葛清远 孟大川 令狐长庚 皇甫晴' },
  { name: 'report-kin-and-short-reply', layout: 'report', genre: 'report', speakers: '' },
  { name: 'reporter-notes-first-person', layout: 'reporter-interview', genre: 'interview', speakers: '卢嘉禾 石永年 石永年 卢嘉禾 石永年' },
  { name: 'report-expert-recalls-mentor', layout: 'report', genre: 'report', speakers: '' },
  { name: 'boxed-byline-reporter-notes', layout: 'reporter-interview', genre: 'interview', speakers: '柏晓岚 秦远山 柏晓岚 秦远山' },
  { name: 'qa-dot-labels', layout: 'qa', genre: 'qa', speakers: '邵明川 庄立民 邵明川 韦长庚 邵明川 庄立民 韦长庚' },
  { name: 'bold-labels', layout: 'reporter-interview', genre: 'interview', speakers: '傅晓岚 邢海舟 傅晓岚 邢海舟 傅晓岚 邢海舟' },
  { name: 'photo-credit-captions', layout: 'qa', genre: 'qa', speakers: '车若兰 蒋秋生 车若兰 蒋秋生' },
  { name: 'qa-latin-letters', layout: 'qa', genre: 'qa', speakers: '戚向南 闵嘉树 戚向南 闵嘉树 戚向南 闵嘉树' },
  { name: 'guests-compiled-credit', layout: 'reporter-interview', genre: 'interview', speakers: '米青禾 甄立新 卜晓梅 米青禾 卜晓梅 甄立新' },
  { name: 'web-host-this-issue', layout: 'web-transcript', genre: 'transcript', speakers: '伍晴川 鲁文澜 单秀芳 伍晴川 鲁文澜 伍晴川 单秀芳 伍晴川' },
  { name: 'report-rare-surname-expert', layout: 'report', genre: 'report', speakers: '' },
  { name: 'report-warns-people', layout: 'report', genre: 'report', speakers: '' },
  { name: 'qa-headline-kicker', layout: 'qa', genre: 'qa', speakers: '庞雨辰 聂春晓 庞雨辰 聂春晓 庞雨辰 聂春晓' },
  { name: 'qa-editors-note-post-answers', layout: 'qa', genre: 'qa', speakers: '阮清和 邢建川 阮清和 甘晓棠 阮清和 邢建川 甘晓棠' },
  { name: 'topic-quotes-self-named-label', layout: 'reporter-interview', genre: 'interview', speakers: '詹雨禾 钟慕白 詹雨禾 钟慕白 詹雨禾 钟慕白 詹雨禾 钟慕白' },
  { name: 'given-name-label', layout: 'web-transcript', genre: 'transcript', speakers: '蓝晓舟 卓思远 蓝晓舟 柯春阳 蓝晓舟 柯春阳 蓝晓舟 卓思远 蓝晓舟 柯春阳' },
  { name: 'broadcast-post-run-into-name', layout: 'broadcast-transcript', genre: 'broadcast', speakers: '蔣若晴 解说 賀德明 解说 孟小川 蔣若晴' },
  { name: 'report-surname-ning', layout: 'report', genre: 'report', speakers: '' },
  { name: 'notes-anchor-post', layout: 'reporter-interview', genre: 'interview', speakers: '严书衡 祝晓岚 严书衡 祝晓岚 严书衡 祝晓岚' },
  { name: 'qa-headline-label-byline', layout: 'reporter-interview', genre: 'interview', speakers: '凌一舟 龚晓川 凌一舟 龚晓川 凌一舟 龚晓川' },
  { name: 'transcript-surname-fu', layout: 'web-transcript', genre: 'transcript', speakers: '尤佳宁 傅承 宋知微 尤佳宁 傅承 宋知微 尤佳宁 傅承 宋知微' },
  { name: 'marked-questions-labelled-answers', layout: 'qa', genre: 'qa', speakers: '卞思齐 郁秋帆 卞思齐 郁秋帆 卞思齐 郁秋帆 滕明远 卞思齐 郁秋帆' },
  { name: 'report-word-surname-age', layout: 'report', genre: 'report', speakers: '' },
  { name: 'report-wrapped-indented', layout: 'report', genre: 'report', speakers: '' },
  { name: 'report-first-person-reporter', layout: 'report', genre: 'report', speakers: '' },
  { name: 'report-surname-wen', layout: 'report', genre: 'report', speakers: '' },
  { name: 'report-household-post', layout: 'report', genre: 'report', speakers: '' },
  { name: 'report-called-by-post', layout: 'report', genre: 'report', speakers: '' },
  { name: 'report-scene-before-name', layout: 'report', genre: 'report', speakers: '' },
  { name: 'report-name-without-surname', layout: 'report', genre: 'report', speakers: '' },
  { name: 'report-told-me', layout: 'report', genre: 'report', speakers: '' },
  { name: 'report-met-then-pronoun', layout: 'report', genre: 'report', speakers: '' },
  { name: 'report-branch-secretary-alias', layout: 'report', genre: 'report', speakers: '' },
  { name: 'report-school-doctor', layout: 'report', genre: 'report', speakers: '' },
  { name: 'byline-source-paper', layout: 'reporter-interview', genre: 'interview', speakers: '韦清禾 庞云舟 韦清禾 庞云舟 韦清禾 庞云舟' },
  { name: 'byline-media-centre', layout: 'reporter-interview', genre: 'interview', speakers: '卓晴川 蒙德川 卓晴川 蒙德川 卓晴川 蒙德川' },
  { name: 'record-surname-labels', layout: 'qa', genre: 'qa', speakers: '施若兰 覃万山 施若兰 覃万山 施若兰 覃万山 施若兰 覃万山' },
  { name: 'roundtable-clause-title', layout: 'qa', genre: 'qa', speakers: '尹若川 骆春华 尹若川 尤德胜 骆春华 尹若川 尤德胜 骆春华' },
  { name: 'host-heading-compiler', layout: 'web-transcript', genre: 'transcript', speakers: '冼志鹏 郁承平 冼志鹏 阚秀梅 冼志鹏' },
  { name: 'closing-profile-byline', layout: 'reporter-interview', genre: 'interview', speakers: '卢映雪 岑望舒 卢映雪 岑望舒 卢映雪 岑望舒' },
  { name: 'record-bracketed-newcomer', layout: 'plain-record', genre: 'interview', speakers: '卜晓棠 聂长庚 卜晓棠 聂长庚 聂小芸 聂长庚 卜晓棠 聂长庚' },
  { name: 'report-visitor-stallholder', layout: 'report', genre: 'report', speakers: '' },
  { name: 'report-troupe-leader', layout: 'report', genre: 'report', speakers: '' },
  { name: 'caption-credit-unbracketed', layout: 'reporter-interview', genre: 'interview', speakers: '闵雪航 柏长顺 闵雪航 柏长顺' },
  { name: 'report-one-of-them', layout: 'report', genre: 'report', speakers: '' },
  { name: 'report-surname-xi', layout: 'report', genre: 'report', speakers: '' },
  { name: 'interview-label-shortened', layout: 'reporter-interview', genre: 'interview', speakers: '房若溪 鲁明远 房若溪 鲁明远 房若溪 鲁明远' },
  { name: 'interview-surname-title-called', layout: 'reporter-interview', genre: 'interview', speakers: '祁文澜 单雅琴 岑若谷 祁文澜 岑若谷 单雅琴 岑若谷' },
  { name: 'caption-credit-inside-brackets', layout: 'qa', genre: 'qa', speakers: '戚晚晴 卜德旺 戚晚晴 卜德旺' },
  { name: 'broadcast-post-holder-honorific', layout: 'broadcast-transcript', genre: 'broadcast', speakers: '蔣雨桐 解说 柴永福 蔣雨桐 孟德昌 蔣雨桐 孟德昌' },
  { name: 'broadcast-channel-line', layout: 'broadcast-transcript', genre: 'broadcast', speakers: '尤曉晴 解说 卜長庚 尤曉晴 卜長庚' },
  { name: 'profile-entries-reporter', layout: 'reporter-interview', genre: 'interview', speakers: '窦晴岚 鲍永康 窦晴岚 鲍永康 窦晴岚 芮小棠' },
  { name: 'record-tag-over-turn', layout: 'web-transcript', genre: 'transcript', speakers: '俞晓岚 卞春生 阮秋菊 俞晓岚 卞春生 俞晓岚 阮秋菊 俞晓岚' },
  { name: 'qa-lead-guide-compound-surname', layout: 'qa', genre: 'qa', speakers: '邬晨 司马立群 邬晨 蒙晓禾 蒙晓禾 邬晨 司马立群 邬晨 司马立群' },
  { name: 'bracket-caller-topic-line', layout: 'bracket-transcript', genre: 'transcript', speakers: '芮一帆 冉国梁 芮一帆 冉国梁 芮一帆 钱女士 冉国梁 钱女士 芮一帆' },
  { name: 'broadcast-reported-by-credit', layout: 'broadcast-transcript', genre: 'broadcast', speakers: '邵婉清 藍子軒 藍子軒 鄔嘉林 邵婉清 鄔嘉林 邵婉清' },
  { name: 'interview-bracketed-notes', layout: 'reporter-interview', genre: 'interview', speakers: '龚若云 阎德顺 龚若云 阎德顺' },
  { name: 'broadcast-reporter-credit-host-named', layout: 'broadcast-transcript', genre: 'broadcast', speakers: '桂曉嵐 晏修远 龐德順 晏修远 龐德順 桂曉嵐' },
  { name: 'interview-compiled-byline-stage-line', layout: 'reporter-interview', genre: 'interview', speakers: '祁思远 甘永福 祁思远 骆晓芸 祁思远 甘永福 骆晓芸' },
  { name: 'editors-note-host-compiler', layout: 'web-transcript', genre: 'transcript', speakers: '隋海鸥 晏春林 隋海鸥 盛晓禾 隋海鸥' },
  { name: 'caption-compiler-credit', layout: 'web-transcript', genre: 'transcript', speakers: '邝明远 卜长河 邝明远 卜长河 邝明远 卜长河 邝明远' },
  { name: 'closing-scene-after-turns', layout: 'reporter-interview', genre: 'interview', speakers: '尤晓禾 邝永泰 尤晓禾 邝永泰 尤晓禾 邝永泰 尤晓禾 柴秀芝' },
];

/** A paragraph left to no one: no speaker, no speech credited (narration aside), and doubted with the reason. */
function expectOpenAndDoubted(article: Article, paragraph: Article['paragraphs'][number]): void {
  expect(paragraph.speaker).toBe('未判定');
  expect((paragraph.speeches ?? []).filter((s) => s.method !== 'narration')).toEqual([]);
  expect(article.doubts.map((d) => d.paragraph)).toEqual([paragraph.id]);
}

describe('parseArticle on each interview habit', () => {
  for (const habit of HABITS) {
    it(`reads ${habit.name} as ${habit.layout}, every turn to its speaker, with no doubt`, async () => {
      const article = parseArticle(fixture(habit.name));
      expect(article.layout.name).toBe(habit.layout);
      expect(article.genre).toBe(habit.genre);
      expect(turnSpeakers(article).join(' ')).toBe(habit.speakers);
      expect(article.doubts).toEqual([]);
      expect(article.paragraphs.filter((p) => p.role === 'unattributed')).toEqual([]);
      await expect(attributionListing(article)).toMatchFileSnapshot(`./snapshots/layouts/${habit.name}.txt`);
    });
  }

  it('doubts a byline read as the rest of a turn (a headline that reads as a label and ends a sentence)', () => {
    const article = parseArticle(fixture('qa-headline-label-byline').replace('摸到泥土\n', '摸到泥土。\n'));
    const byline = article.paragraphs.find((p) => p.text.startsWith('本报记者'))!;
    expect(article.doubts.filter((d) => d.reason === 'byline-in-turn').map((d) => d.paragraph)).toEqual([byline.id]);
  });

  it('reads a marked line that asks nothing before an answer as the reporter’s question, doubted, and ■ topic lines as headings', () => {
    const article = parseArticle(fixture('marked-questions-labelled-answers').replace('这在今天还多见吗？', '这在今天不多见。'));
    const marked = article.paragraphs.find((p) => p.text.includes('这在今天不多见'))!;
    expect([marked.speaker, marked.role]).toEqual(['卞思齐', 'host']);
    expect(article.doubts.map((d) => [d.reason, d.paragraph])).toEqual([['no-speaker', marked.id]]);
    expect(article.paragraphs.filter((p) => p.text.startsWith('■')).map((p) => p.kind)).toEqual(['heading', 'heading']);
  });

  it('starts a guest’s turn at a label with a bracketed title, never continuing the host', () => {
    const article = parseArticle(fixture('roundtable-titled'));
    const first = article.paragraphs.find((p) => p.text.startsWith('石慧敏（'))!;
    expect([first.speaker, first.role, first.attribution.method]).toEqual(['石慧敏', 'expert', 'label']);
    expect(first.text.slice(0, first.labelEnd)).toBe('石慧敏（虚构理工大学管理学院教授）:');
  });

  it('rejoins hard-wrapped lines inside a paragraph and never joins two paragraphs', () => {
    const article = parseArticle(fixture('hard-wrapped'));
    const first = article.paragraphs.find((p) => p.text.startsWith('郑国华：我是农民'))!;
    expect(first.text).toContain('吃不饱饭是常事');
    expect(first.text.endsWith('手指都是肿的。')).toBe(true);
    expect(article.paragraphs.find((p) => p.text.startsWith('现在条件好多了'))!.text).toContain('现在六七年就可以');
    expect(article.interviewers).toEqual(['宋雨']);
    expect(article.interviewees).toEqual(['郑国华']);
  });

  it('takes the words after a label alone on its line as that label’s, in Traditional characters', () => {
    const article = parseArticle(fixture('broadcast-transcript'));
    const chen = article.paragraphs.find((p) => p.speaker === '陳浩')!;
    expect(chen.text.slice(0, chen.labelEnd)).toBe('陳浩：');
    expect(chen.sourceLines).toHaveLength(2);
    expect(article.paragraphs.filter((p) => p.kind === 'narration').every((p) => p.speaker === '解说' && p.role === 'editor' && p.attribution.label === '解說')).toBe(true);
  });

  it('reads a title before the name (`駐村醫生 范秋菊 :`) and gives a role label to the one person named with that post', () => {
    const article = parseArticle(fixture('broadcast-role-holder'));
    const role = article.paragraphs.find((p) => p.attribution.label === '縣衛健局局長')!;
    expect([role.speaker, role.title, role.attribution.confidence]).toEqual(['柯建平', '縣衛健局局長', 0.8]);
    expect(article.speakers.find((s) => s.name === '范秋菊')?.role).toBe('expert');
  });

  it('reads a post with no name as a label (骨科醫生：) as the one person the text names so, past a plural (醫生和護士), and a dated line (播出日期：) as front matter', () => {
    const article = parseArticle(fixture('broadcast-post-label'));
    const dated = article.paragraphs.find((p) => p.text.startsWith('播出日期'))!;
    expect([dated.speaker, dated.attribution.method]).toEqual(['编者', 'front-matter']);
    expect(article.interviewees).toEqual(['郭明遠']);
    expect(article.paragraphs.find((p) => p.attribution.label === '骨科醫生')!.title).toBe('骨科醫生');
  });

  it('doubts a post label, and every paragraph of its turns, when a name follows the post where it cannot be read', () => {
    const article = parseArticle(fixture('broadcast-post-verb').replace('柏文清介紹了', '柏文清昨天談了'));
    const turns = article.paragraphs.filter((p) => p.speaker === '縣水務局局長');
    expect(turns.length).toBe(3);
    expect(turns.every((p) => article.doubts.some((d) => d.paragraph === p.id))).toBe(true);
  });

  it('doubts a bare 答 among several interviewees when the question before it calls none of them by name, and never gives it to one of them', () => {
    const article = parseArticle(fixture('qa-addressed-answers').replace('问：罗总，改造花了多少钱？', '问：改造花了多少钱？'));
    const answer = article.paragraphs.find((p) => p.text.startsWith('答：一共'))!;
    expect([answer.speaker, answer.role]).toEqual(['未判定', 'unattributed']);
    expect(article.doubts.map((d) => [d.reason, d.paragraph])).toEqual([['ambiguous-answer', answer.id]]);
    // `答（理事长NAME）：`: a post before the name in the brackets still names who answers.
    const posted = parseArticle(fixture('qa-addressed-answers').replace('答（温小燕）：', '答（站长温小燕）：'));
    expect(posted.paragraphs.find((p) => p.text.startsWith('答（站长'))!.speaker).toBe('温小燕');
    expect(posted.doubts).toEqual([]);
  });

  it('gives a bare 答 after a question to one 您 that calls no one by name to the one who just answered, never after a question that calls someone it cannot tell', () => {
    const article = parseArticle(fixture('qa-listed-interviewees-follow-up').replace('问：司马师傅，您一天', '问：石师傅，您一天'));
    const after = article.paragraphs.filter((p) => p.text.startsWith('答：快的时候') || p.text.startsWith('答：有位老太太'));
    expect(after.map((p) => [p.speaker, p.role])).toEqual([
      ['未判定', 'unattributed'],
      ['未判定', 'unattributed'],
    ]);
    // A question to several (`你们`, `三位`) goes on with no one.
    const plural = parseArticle(fixture('qa-listed-interviewees-follow-up').replace('问：您的学生里', '问：你们的学生里'));
    expect(plural.paragraphs.find((p) => p.text.startsWith('答：都是二十岁'))!.role).toBe('unattributed');
  });

  it('gives a 【编者按】 under the byline to the editor, in a report and after a guest list whose padded names (`贺  鸣`) each stand on their own line', () => {
    for (const name of ['report-editors-note-under-byline', 'guest-list-padded-host']) {
      const note = parseArticle(fixture(name)).paragraphs.find((p) => p.text.startsWith('【编者按】'))!;
      expect([note.speaker, note.role, note.kind]).toEqual(['编者', 'editor', 'editors-note']);
    }
    const listed = parseArticle(fixture('guest-list-padded-host'));
    expect(listed.interviewers).toEqual(['江南']);
    expect(listed.paragraphs.filter((p) => p.kind === 'guest-entry').map((p) => p.speaker)).toEqual(['贺鸣', '欧阳青']);
  });

  it('reads people a report introduces by occupation (程序员, 演员) or by a description (`……的符晓彤说`), and never gives a 她 after an unread name to someone named before', () => {
    const article = parseArticle(fixture('report-occupation-speakers'));
    const speakersOf = (a: Article, opening: string) =>
      (a.paragraphs.find((p) => p.text.startsWith(opening))!.speeches ?? []).filter((s) => s.method !== 'narration').map((s) => s.speaker);
    expect(speakersOf(article, '“一块地')).toEqual(['段子谦', '段子谦', '段子谦']);
    expect(speakersOf(article, '在一家物流公司')).toEqual(['符晓彤', '符晓彤']);
    expect(speakersOf(article, '傍晚')).toEqual(['葛淑芬', '葛淑芬']);
    // `她挑了一小把，笑眯眯地说：“……”`: a verb of saying after a manner (`……地`) has the sentence's subject.
    expect(speakersOf(article, '收工时')).toEqual(['葛淑芬']);
    // `葛淑芬提着…`: where the name after the post ends cannot be read; her words are no one's, never 裴国栋's.
    const unread = parseArticle(fixture('report-occupation-speakers').replace('葛淑芬在菜园门口', '葛淑芬提着水壶'));
    expect(speakersOf(unread, '傍晚')).not.toContain('裴国栋');
    // …nor the next paragraph's `她挑了一小把，笑眯眯地说` (her again, whom the text never read): open, never 裴国栋's.
    expect(speakersOf(unread, '收工时')).not.toContain('裴国栋');
    expect(unread.doubts.map((d) => d.reason)).toEqual(['no-speaker', 'open-speech']);
  });

  it('reads a name after an age in words (五十八岁的NAME), after a word of kin (他的妻子NAME说), and 他答了一句“……” as his', () => {
    const article = parseArticle(fixture('report-kin-and-short-reply'));
    const speakersOf = (opening: string) => (article.paragraphs.find((p) => p.text.startsWith(opening))!.speeches ?? []).filter((s) => s.method !== 'narration').map((s) => s.speaker);
    expect(speakersOf('“山里的人')).toContain('邵长林');
    expect(speakersOf('到了半山腰')).toEqual(['邵长林']);
    expect(speakersOf('常年在外跑')).toEqual(expect.arrayContaining(['皇甫兰芝']));
    expect(speakersOf('常年在外跑')).not.toContain('邵长林');
  });

  it('gives words after someone credited to them when the person named in between is told of in the words (卞老师…跟我说), never when that person may be speaking; reads no 梁专家 in 桥梁专家NAME', () => {
    const article = parseArticle(fixture('report-expert-recalls-mentor'));
    const recalls = article.paragraphs.find((p) => p.text.startsWith('邬明川告诉记者'))!;
    expect(recalls.speeches?.filter((s) => s.method !== 'narration').map((s) => s.speaker)).toEqual(['邬明川', '邬明川']);
    // `桥梁专家卞守仁`: the post before his name, never a person `梁专家` read inside the word 桥梁.
    expect(article.people.map((p) => p.name)).not.toContain('梁专家');
    // The words no longer tell of 卞守仁: they may be his, so they are no one's.
    const open = parseArticle(fixture('report-expert-recalls-mentor').replace('卞老师在桥洞里蹲了一下午，出来跟我说，', '在桥洞里蹲了一下午，出来才明白，'));
    const mentor = open.paragraphs.find((p) => p.text.startsWith('邬明川告诉记者'))!;
    expect(mentor.speeches?.filter((s) => s.method !== 'narration').map((s) => s.speaker)).toEqual(['邬明川']);
    expect(open.doubts.some((d) => d.paragraph === mentor.id)).toBe(true);
  });

  it('reads a name after a description and before an age (…的常桂珍今年六十三岁) as a person though 常 is mostly a word, so the 她 after it is hers, never the woman quoted before', () => {
    const article = parseArticle(fixture('report-word-surname-age'));
    const about = article.paragraphs.find((p) => p.text.startsWith('家住村东头'))!;
    expect(about.speeches?.filter((s) => s.method === 'pronoun').map((s) => s.speaker)).toEqual(['常桂珍', '常桂珍']);
  });

  it('rejoins a hard-wrapped report with no blank lines, each paragraph opened by a full-width indent that counts in its first line’s width, past a longer line of half-width digits', () => {
    const article = parseArticle(fixture('report-wrapped-indented'));
    expect(article.paragraphs.filter((p) => p.kind === 'report').map((p) => p.text.slice(0, 4))).toEqual(['虚构县城', '“有位老', '每天下午']);
  });

  it('gives a first-person feature’s 我 to the byline’s reporter when two paragraphs or more say the reporter went, met or asked (我跟着NAME, 我问NAME), never on one', () => {
    const article = parseArticle(fixture('report-first-person-reporter'));
    expect(article.paragraphs.filter((p) => /我/u.test(p.text)).map((p) => `${p.speaker}/${p.attribution.method}`)).toEqual(['庞若溪/byline', '庞若溪/byline', '庞若溪/byline']);
    const once = readArticle(fixture('report-first-person-reporter').replace('清晨六点，我跟着喻守成爬上', '清晨六点，喻守成爬上').replace('我回头看，', '')).article;
    expect(once.paragraphs.find((p) => p.text.startsWith('清晨六点'))!.role).toBe('unattributed');
  });

  it('reads 文 as a surname when a sentence opens with the name, then 是 or an age, and words are credited to it (“……”文秀芝说), so the 她 after it is hers; 文化馆, 文创 stay words', () => {
    const article = parseArticle(fixture('report-surname-wen'));
    expect(article.paragraphs.flatMap((p) => (p.speeches ?? []).filter((s) => s.method !== 'narration').map((s) => s.speaker))).toEqual(['文秀芝', '文秀芝', '文秀芝']);
  });

  it('reads a household word before a name (移民户NAME, 贫困户NAME) as a post introducing them, so their quotation is theirs, not open', () => {
    const article = parseArticle(fixture('report-household-post'));
    const quoted = article.paragraphs.find((p) => p.text.includes('移民户'))!;
    expect([quoted.speaker, quoted.openSpeeches]).toEqual(['柏永昌', undefined]);
  });

  it('reads a surname and a post the text says someone is called (山下的人都管他叫“柴站长”) as that person, the one of that surname, never an open alias', () => {
    const article = parseArticle(fixture('report-called-by-post'));
    const station = article.paragraphs.find((p) => p.text.includes('柴站长说'))!;
    expect([station.speeches?.filter((s) => s.method === 'alias').map((s) => s.speaker), station.openSpeeches]).toEqual([['柴守山', '柴守山'], undefined]);
  });

  it('gives words followed by where someone stands and their name and verb (“……”站在水沟边，鲍局长说) to them, and reads a grower (果农NAME) as someone, so the 她 after is hers, never the official quoted before', () => {
    const article = parseArticle(fixture('report-scene-before-name'));
    const scene = article.paragraphs.find((p) => p.text.includes('站在齐膝深'))!;
    expect([scene.speeches?.map((s) => s.speaker), scene.openSpeeches]).toEqual([['鲍承远', '鲍承远'], undefined]);
    const grower = article.paragraphs.find((p) => p.text.startsWith('果农'))!;
    expect(grower.speeches?.filter((s) => s.method === 'pronoun').map((s) => s.speaker)).toEqual(['柯桂兰']);
  });

  it('reads a name after a post or a trade whose first character is no common surname (种粮大户解春林, 站长单立国认为, 校长顿珠次旦) when the article credits words to it, so the 他 after is theirs, never the official quoted paragraphs before', () => {
    const article = parseArticle(fixture('report-name-without-surname'));
    const pronouns = (start: string) => article.paragraphs.find((p) => p.text.startsWith(start))!.speeches?.filter((s) => s.method === 'pronoun').map((s) => s.speaker);
    expect([pronouns('在河西村'), pronouns('“光靠补种'), pronouns('乡中心小学')]).toEqual([['解春林'], ['单立国'], ['顿珠次旦']]);
    const grower = article.paragraphs.find((p) => p.text.startsWith('在河西村'))!;
    expect(grower.speeches?.filter((s) => s.speaker !== '邬明澜').map((s) => s.speaker)).toEqual(['解春林', '解春林', '解春林']);
    // Never credited by name, 校长顿珠次旦 is no one read, yet the 他 after may be him: open, never 单立国's.
    const uncredited = parseArticle(fixture('report-name-without-surname').replace('顿珠次旦告诉记者，学校里有二十多个孩子家里的地受了灾。临别时，顿珠次旦送记者到村口。', '学校里有二十多个孩子家里的地受了灾。'));
    const school = uncredited.paragraphs.find((p) => p.text.startsWith('乡中心小学'))!;
    expect([school.speeches?.filter((s) => s.method === 'pronoun').map((s) => s.speaker), school.openSpeeches?.length]).toEqual([undefined, 1]);
  });

  it('leaves a 他/她 open when what reads as a full name does something just before it after words that tell who they are (豆腐坊的女主人NAME正在……), never the one named paragraphs before; reads 老板娘 as a post before a name', async () => {
    const article = parseArticle(fixture('report-unread-person-word-pronoun'));
    const opening = (start: string) => article.paragraphs.find((p) => p.text.startsWith(start))!;
    const tofu = opening('天刚亮');
    expect([(tofu.speeches ?? []).filter((s) => s.method === 'pronoun').length, tofu.openSpeeches?.length]).toEqual([0, 1]);
    expect(article.doubts.map((d) => d.paragraph)).toEqual([tofu.id]);
    expect(opening('理发店').speeches?.filter((s) => s.method === 'pronoun').map((s) => s.speaker)).toEqual(['卜玉兰']);
    await expect(attributionListing(article)).toMatchFileSnapshot('./snapshots/layouts/report-unread-person-word-pronoun.txt');
  });

  it('credits words after NAME告诉我 / 他对我说 in a first-person feature to that person, as 告诉记者 is', () => {
    const article = parseArticle(fixture('report-told-me'));
    const told = article.paragraphs.find((p) => p.text.startsWith('郜守田告诉我'))!;
    expect([told.speaker, told.speeches?.filter((s) => s.speaker === '郜守田').length]).toEqual(['郜守田', 2]);
    const walk = article.paragraphs.find((p) => p.text.startsWith('第二天一早'))!;
    expect(walk.speeches?.filter((s) => s.method === 'pronoun').map((s) => s.speaker)).toEqual(['郜守田']);
  });

  it('leaves open words credited to someone that tell of that very person in the third person (by name, or surname and post: 像苗技术员那样), never theirs silently', async () => {
    const article = parseArticle(fixture('report-words-name-speaker'));
    const opening = (start: string) => article.paragraphs.find((p) => p.text.startsWith(start))!;
    const mentioned = opening('祁远山特别提到');
    const child = opening('一个扎着马尾');
    expect([mentioned.speaker, child.speaker]).toEqual(['未判定', '未判定']);
    expect([...(mentioned.speeches ?? []), ...(child.speeches ?? [])].filter((s) => s.method !== 'narration')).toEqual([]);
    expect(article.doubts.map((d) => d.paragraph)).toEqual([mentioned.id, child.id]);
    expect(opening('林场的技术员').speaker).toBe('苗晓岚');
    expect(opening('柴德明今年').speaker).toBe('柴德明');
    await expect(attributionListing(article)).toMatchFileSnapshot('./snapshots/layouts/report-words-name-speaker.txt');
  });

  it('reads a name ending its clause after a verb of meeting (我在河边遇到了NAME。她……) as the person a 他/她 right after it means, never the one named before', () => {
    const article = parseArticle(fixture('report-met-then-pronoun'));
    const met = article.paragraphs.find((p) => p.text.startsWith('傍晚'))!;
    expect(met.speeches?.filter((s) => s.method === 'pronoun').map((s) => s.speaker)).toEqual(['骆小禾']);
    expect(article.doubts).toEqual([]);
  });

  it('reads a surname and post (NAME书记告诉我) as the one named in full under a short form of that post (村支书NAME); under another post, with someone else of that surname, doubted, never a new person silently', () => {
    const text = fixture('report-branch-secretary-alias');
    const credited = (article: Article) => article.paragraphs.find((p) => p.text.startsWith('到了柳湾村'))!;
    const article = parseArticle(text);
    expect(credited(article).speeches?.filter((s) => s.method === 'alias').map((s) => s.speaker)).toEqual(['蒲桂兰', '蒲桂兰']);
    const other = parseArticle(text.replace('村支书蒲桂兰', '村主任蒲桂兰'));
    expectOpenAndDoubted(other, credited(other));
  });

  it('reads the reporter from a byline with the source paper before it (来源：PAPER 记者 NAME) or where they filed from after it (记者 NAME 发自PLACE), in an interview and in a report, never the bare word 记者', () => {
    const text = fixture('byline-source-paper');
    const filed = parseArticle(text.replace('来源：虚构晚报　记者　韦清禾', '记者　韦清禾　发自虚构县'));
    expect(filed.interviewers).toEqual(['韦清禾']);
    expect(turnSpeakers(filed).join(' ')).toBe('韦清禾 庞云舟 韦清禾 庞云舟 韦清禾 庞云舟');
    const report = parseArticle(fixture('report-branch-secretary-alias').replace('本报记者 萧映川', '记者　萧映川　发自青溪镇'));
    expect(report.paragraphs.find((p) => p.kind === 'host-entry')!.speaker).toBe('萧映川');
    expect(report.paragraphs.find((p) => p.text.startsWith('清晨五点半'))!.speaker).toBe('萧映川');
    const sourced = parseArticle(fixture('report-branch-secretary-alias').replace('本报记者 萧映川', '来源：青溪日报　记者　萧映川'));
    expect(sourced.paragraphs.find((p) => p.text.startsWith('清晨五点半'))!.speaker).toBe('萧映川');
  });

  it('gives a profile after the turns (人物简介) of a piece a reporter signs to that reporter, as the lead is; under an editor’s heading (编者的话) it stays the paper’s', () => {
    const text = fixture('closing-profile-byline');
    const profile = (article: Article) => article.paragraphs.find((p) => p.text.startsWith('岑望舒，1976年生'))!;
    expect(profile(parseArticle(text)).speaker).toBe('卢映雪');
    expect(profile(parseArticle(text.replace('人物简介', '编者的话'))).speaker).toBe('编者');
  });

  it('reads a bracketed line between the turns of a record that introduces the next speaker (（此时NAME的女儿NAME……接过了话。）) as the compiler’s narration, and its newcomer’s turn as theirs; a bracketed line naming no one stays the paper’s and the unknown label is doubted', () => {
    const text = fixture('record-bracketed-newcomer');
    const bracketed = (article: Article) => article.paragraphs.find((p) => p.text.startsWith('（'))!;
    const article = parseArticle(text);
    expect(bracketed(article).speaker).toBe('卜晓棠');
    expect(article.paragraphs.find((p) => p.text.startsWith('聂小芸：'))!.speaker).toBe('聂小芸');
    const other = parseArticle(text.replace('（此时聂长庚的女儿聂小芸下班回来，在一旁听了一会儿，接过了话。）', '（录音中断约五分钟。）'));
    expect(bracketed(other).speaker).toBe('编者');
    expect(other.paragraphs.find((p) => p.text.startsWith('聂小芸：'))!.speaker).toBe('未判定');
    expect(other.doubts.length).toBe(1);
  });

  it('reads a visitor or a stall-holder before a name (游客NAME是……。她说, 摊主NAME一边……) as someone, whom a 她 after it means; a word for them the reader does not know (背包客, 老街坊) before a name and 是 or 一边 leaves the 她 open and doubted, never the official quoted before', () => {
    const text = fixture('report-visitor-stallholder');
    const pronouns = (p: Article['paragraphs'][number]) => (p.speeches ?? []).filter((s) => s.method === 'pronoun').map((s) => s.speaker);
    const visitor = (article: Article) => article.paragraphs.find((p) => p.text.startsWith('从省城'))!;
    const stall = (article: Article) => article.paragraphs.find((p) => p.text.startsWith('在老街'))!;
    const article = parseArticle(text);
    expect(pronouns(visitor(article))).toEqual(['闵若晴']);
    expect(pronouns(stall(article))).toEqual(['褚桂香']);
    const backpacker = parseArticle(text.replace('游客闵若晴', '背包客闵若晴'));
    expect(pronouns(visitor(backpacker))).toEqual([]);
    expect(backpacker.doubts.map((d) => d.paragraph)).toEqual([visitor(backpacker).id]);
    const neighbour = parseArticle(text.replace('摊主褚桂香', '老街坊褚桂香'));
    expectOpenAndDoubted(neighbour, stall(neighbour));
  });

  it('reads the reporter from a byline whose desk is a paper\'s all-media desk, a county media centre or a station (PAPER全媒体记者 NAME, X融媒体中心记者 NAME) or printed in brackets over the lead (【本报记者 NAME】), never the bare word 记者 or the paper', () => {
    const text = fixture('byline-media-centre');
    const centre = parseArticle(text.replace('虚构日报全媒体记者　卓晴川', '虚构县融媒体中心记者　卓晴川'));
    expect(centre.interviewers).toEqual(['卓晴川']);
    expect(turnSpeakers(centre).join(' ')).toBe('卓晴川 蒙德川 卓晴川 蒙德川 卓晴川 蒙德川');
    const bracketed = parseArticle(text.replace('虚构日报全媒体记者　卓晴川\n\n', '【本报记者　卓晴川】\n'));
    expect(bracketed.paragraphs.find((p) => p.kind === 'host-entry')!.text).toBe('【本报记者　卓晴川】');
    expect(bracketed.paragraphs.find((p) => p.text.startsWith('虚构县北部'))!.speaker).toBe('卓晴川');
    expect(turnSpeakers(bracketed).join(' ')).toBe('卓晴川 蒙德川 卓晴川 蒙德川 卓晴川 蒙德川');
    const report = parseArticle(fixture('report-branch-secretary-alias').replace('本报记者 萧映川', '青溪县融媒体中心记者　萧映川'));
    expect(report.paragraphs.find((p) => p.text.startsWith('清晨五点半'))!.speaker).toBe('萧映川');
  });

  it('reads a label of a surname alone (施：, 覃：) in a record that named its people in full as the one person of that surname, never more of the turn before; two of that surname leave it open and doubted', () => {
    const text = fixture('record-surname-labels');
    const article = parseArticle(text);
    expect(article.paragraphs.find((p) => p.text.startsWith('施：有没有'))!.speaker).toBe('施若兰');
    expect(article.paragraphs.find((p) => p.text.startsWith('覃：有一年'))!.speaker).toBe('覃万山');
    const two = parseArticle(
      text
        .replace('施：有没有遇到过危险？', '覃小舟：我是他儿子，小时候常坐他的船去上学。\n\n施：有没有遇到过危险？')
        .replace('这船还能用上。\n', '这船还能用上。\n\n覃小舟：我爸每天早上还是五点起来，先去河边看一眼船。\n'),
    );
    const open = two.paragraphs.filter((p) => p.text.startsWith('覃：'));
    expect(open.map((p) => p.speaker)).toEqual(['未判定', '未判定']);
    expect(two.doubts.map((d) => d.paragraph)).toEqual(open.map((p) => p.id));
  });

  it('reads a label whose title in brackets is a clause with a comma (NAME（住在六楼，退休钳工）：) as that person\'s turn, never more of the host\'s question, and a host line with the host\'s post in brackets (主持人：NAME（……记者）) as the host\'s line', () => {
    const article = parseArticle(fixture('roundtable-clause-title'));
    expect(article.paragraphs.find((p) => p.text.startsWith('尤德胜（'))!.speaker).toBe('尤德胜');
    expect(article.paragraphs.find((p) => p.text.startsWith('主持人：'))!.kind).toBe('host-entry');
  });

  it('reads the host named under a heading of their own (本期主持 over NAME　POST, 栏目主持人：NAME) as whom the 主持人 label names, and the lead as the words of the byline that wrote the record up (本报记者 NAME 整理), never the host\'s or the paper\'s', () => {
    const text = fixture('host-heading-compiler');
    const article = parseArticle(text);
    expect(article.paragraphs.find((p) => p.text.startsWith('主持人：郁律师'))!.speaker).toBe('冼志鹏');
    expect(article.paragraphs.find((p) => p.text.startsWith('押金退不回'))!.speaker).toBe('蒋心怡');
    const column = parseArticle(text.replace('本期主持\n冼志鹏　本报法治新闻部主任', '栏目主持人：冼志鹏'));
    expect(column.paragraphs.find((p) => p.text.startsWith('主持人：郁律师'))!.speaker).toBe('冼志鹏');
  });

  it('reads a school or village doctor before a name (校医NAME每天……。她告诉记者) as someone, whom a 她 after it means; an unknown post ending in 医 before a name and a word of habit (每天) leaves the 她 open and doubted, never the official quoted before', () => {
    const text = fixture('report-school-doctor');
    const told = (article: Article) => article.paragraphs.find((p) => p.text.startsWith('在城南'))!;
    const article = parseArticle(text);
    expect(told(article).speeches?.filter((s) => s.method === 'pronoun').map((s) => s.speaker)).toEqual(['柏雨桐', '柏雨桐']);
    const other = parseArticle(text.replace('校医柏雨桐', '园医柏雨桐'));
    expectOpenAndDoubted(other, told(other));
  });

  it('gives a caption credited after its last sentence (图：……。本报记者 NAME 摄) to the reporter it names, as in brackets, never to the paper or the turn before', () => {
    const article = parseArticle(fixture('caption-credit-unbracketed'));
    expect(article.paragraphs.find((p) => p.text.startsWith('图：'))!.speaker).toBe('闵雪航');
  });

  it('gives a caption whose credit closes its own brackets after its last sentence (（图：……。NAME 摄）) to the byline reporter it names, never to the paper; another photographer’s stays the paper’s', () => {
    const article = parseArticle(fixture('caption-credit-inside-brackets'));
    const caption = (a: Article) => a.paragraphs.find((p) => p.text.startsWith('（图：'))!;
    expect([caption(article).speaker, caption(article).role]).toEqual(['戚晚晴', 'host']);
    const other = parseArticle(fixture('caption-credit-inside-brackets').replace('。戚晚晴 摄）', '。韦小川 摄）'));
    expect(caption(other).speaker).toBe('编者');
  });

  it('reads a paragraph after the last answer that opens by setting the time (上午十点，…, 采访结束时，…) and says no 我 as the reporter’s closing narration, never more of the answer, whoever it names', () => {
    const closing = (a: Article) => a.paragraphs.find((p) => p.text.startsWith('上午十点') || p.text.startsWith('采访结束时'))!;
    const article = parseArticle(fixture('closing-scene-after-turns'));
    expect([closing(article).speaker, closing(article).role]).toEqual(['尤晓禾', 'host']);
    // Naming another interviewee than the last answer's, after a quotation no one is named to say (doubted, open).
    const other = parseArticle(fixture('closing-scene-after-turns').replace(/上午十点，[^\n]*/u, '采访结束时，市场广播里又响起通知：“请各位摊主把电动车停到后院。”邝永泰拿起对讲机，朝后院走去。'));
    expect([closing(other).speaker, closing(other).role]).toEqual(['尤晓禾', 'host']);
    expect(other.doubts.map((d) => [d.reason, d.paragraph])).toEqual([['open-speech', closing(other).id]]);
    // In the first person it is still the answer's.
    const own = parseArticle(fixture('closing-scene-after-turns').replace('上午十点，早市散了，', '上午十点，早市散了，我们'));
    expect(closing(own).speaker).toBe('柴秀芝');
  });

  it('gives the entries under 人物简介 (NAME（……，……）) over a byline reporter’s questions to that reporter, never to whom they profile, who stay introduced with their titles; a 访谈嘉宾 list stays the guests’', () => {
    const entries = (a: Article) => a.paragraphs.filter((p) => /^(?:鲍永康|芮小棠)（/u.test(p.text));
    const article = parseArticle(fixture('profile-entries-reporter'));
    expect(entries(article).map((p) => [p.speaker, p.role])).toEqual([['窦晴岚', 'host'], ['窦晴岚', 'host']]);
    expect(article.interviewees).toEqual(['鲍永康', '芮小棠']);
    expect(article.speakers.find((s) => s.name === '芮小棠')?.title).toBe('虚构市公交集团夜班线路乘务管理员');
    const guests = parseArticle(fixture('profile-entries-reporter').replace('人物简介\n', '访谈嘉宾\n'));
    expect(entries(guests).map((p) => p.speaker)).toEqual(['鲍永康', '芮小棠']);
  });

  it('reads the holder of a post label (縣林業局局長：) named with a courtesy after the name (局長NAME先生, 局長NAME女士), a name of three characters or two', () => {
    const holder = (a: Article) => a.paragraphs.filter((p) => p.attribution.label === '縣林業局局長').map((p) => p.speaker);
    expect(holder(parseArticle(fixture('broadcast-post-holder-honorific')))).toEqual(['孟德昌', '孟德昌']);
    const two = parseArticle(fixture('broadcast-post-holder-honorific').replace('孟德昌先生', '孟強女士'));
    expect(holder(two)).toEqual(['孟強', '孟強']);
    expect(two.doubts).toEqual([]);
  });

  it('reads a line of the channel a programme airs on (播出頻道：……) as front matter, the paper’s, never an unknown label', () => {
    const article = parseArticle(fixture('broadcast-channel-line'));
    const channel = article.paragraphs.find((p) => p.text.startsWith('播出頻道'))!;
    expect([channel.speaker, channel.attribution.method]).toEqual(['编者', 'front-matter']);
    expect(article.doubts).toEqual([]);
  });

  it('reads a troupe, class or ship post before a name (合唱团团长NAME) as a post, so NAME团长 later is that person, not a new one, beside another of that surname', () => {
    const article = parseArticle(fixture('report-troupe-leader'));
    const told = article.paragraphs.find((p) => p.text.startsWith('喻团长'))!;
    expect(told.speaker).toBe('喻德华');
    expect(told.speeches?.every((s) => s.speaker === '喻德华')).toBe(true);
    expect(article.paragraphs.some((p) => p.speaker === '喻团长')).toBe(false);
  });

  it('reads a full name after a description and 的, said to be one of those just told of (……的NAME就是其中之一。她说), as someone a 她 after it means, never the official quoted before', () => {
    const article = parseArticle(fixture('report-one-of-them'));
    const one = article.paragraphs.find((p) => p.text.startsWith('消息传开'))!;
    expect(one.speeches?.filter((s) => s.method === 'pronoun').map((s) => s.speaker)).toEqual(['葛春燕']);
    expect(article.doubts).toEqual([]);
  });

  it('reads 甘 as a surname in a report, so a later 他说 in a paragraph about that person is theirs, not the last person quoted before', () => {
    const article = parseArticle(fixture('report-surname-gan'));
    const about = article.paragraphs.find((p) => p.text.startsWith('甘明亮今年'))!;
    expect(about.speeches?.filter((s) => s.method === 'pronoun').map((s) => s.speaker)).toEqual(['甘明亮']);
  });

  it('gives words followed by what the talk turns to and a name (“……”谈起当年，NAME放下了…) to that name', () => {
    const article = parseArticle(fixture('report-talk-turns-to'));
    const paragraph = article.paragraphs.find((p) => p.text.startsWith('七十一岁'))!;
    expect((paragraph.speeches ?? []).filter((s) => s.method !== 'narration').map((s) => [s.speaker, paragraph.text.slice(s.start, s.end)])).toEqual([
      ['毛承志', '那会儿一块表要攒半年的工资，坏了谁舍得扔。'],
      ['毛承志', '来的多半是修老表的，修的是个念想。'],
    ]);
  });

  it('gives sentences framed by one person’s account (NAME介绍，…。…。他说：“…”) to that person, never to the byline; a scene, another name or no 他说 after them keeps them the reporter’s', () => {
    const speakersOf = (text: string) => {
      const paragraph = parseArticle(text).paragraphs.find((p) => p.text.startsWith('县交通运输局'))!;
      return (paragraph.speeches ?? []).filter((s) => s.method !== 'narration').map((s) => [s.speaker, paragraph.text.slice(s.start, s.end)]);
    };
    const text = fixture('report-account-carried-on');
    expect(speakersOf(text)).toEqual([
      ['郜明哲', '这次加固不改桥的外形'],
      ['郜明哲', '施工队先在桥下搭起钢支架，把拱圈托住'],
      ['郜明哲', '松动的拱石一块块取下编号，灌浆后再放回原处'],
      ['郜明哲', '桥是清朝修的，能留的我们一块都不换。'],
    ]);
    const carried = (t: string) => speakersOf(t).filter(([, words]) => words!.includes('拱石'));
    expect(carried(text.replace('松动的拱石', '上午九点，松动的拱石'))).toEqual([]);
    expect(carried(text.replace('松动的拱石一块块', '鲍桂香看着松动的拱石一块块'))).toEqual([]);
    expect(carried(text.replace('他说：“桥是清朝修的，能留的我们一块都不换。”', ''))).toEqual([]);
  });

  it('gives the clause after 他说， to its speaker up to a quotation of theirs in the same sentence, and never joins an editor’s credit line to the paragraph above', () => {
    const article = parseArticle(fixture('report-clause-then-quote'));
    const last = article.paragraphs.find((p) => p.text.startsWith('傍晚收工'))!;
    expect(last.text.endsWith('没白开”。')).toBe(true);
    expect(last.speeches?.filter((s) => s.method !== 'narration').map((s) => [s.speaker, last.text.slice(s.start, s.end)])).toEqual([
      ['贺长庚', '他最大的心愿是把手艺传给一个年轻人'],
      ['贺长庚', '哪怕只有一个，这铺子就算没白开'],
    ]);
  });

  it('reads 文／NAME as the byline of who asks and narrates, and 包 as a surname, so 他告诉记者 after 副所长包NAME is theirs', () => {
    const article = parseArticle(fixture('writer-byline-record'));
    expect(article.interviewers).toEqual(['卓青禾']);
    const told = article.paragraphs.find((p) => p.text.startsWith('采访中'))!;
    expect(told.speeches?.filter((s) => s.method !== 'narration').map((s) => s.speaker)).toEqual(['包文涛']);
  });

  it('keeps a role label as the role when the text names two people with that post, never one of them', () => {
    const text = fixture('broadcast-role-holder').replace('我們請到縣衛健局局長柯建平來到現場。', '我們請到縣衛健局局長柯建平來到現場，前任縣衛健局局長蔣德明也發來了視頻。');
    const role = parseArticle(text).paragraphs.find((p) => p.attribution.label === '縣衛健局局長')!;
    expect(role.speaker).toBe('縣衛健局局長');
  });

  it('gives the lead and 问 to the reporter the lead names (本报记者NAME), 答 to the one it interviews', () => {
    const article = parseArticle(fixture('qa-lead-reporter'));
    expect(article.interviewers).toEqual(['甘露']);
    expect(article.interviewees).toEqual(['祁长河']);
    expect(article.paragraphs.find((p) => p.kind === 'lead')!.speaker).toBe('甘露');
  });

  it('never counts the reporter the lead names (本报记者NAME就此专访了…) among the interviewees: 答 is the one interviewee’s', () => {
    const article = parseArticle(fixture('qa-byline-reporter'));
    expect(article.interviewers).toEqual(['蓝小舟']);
    expect(article.interviewees).toEqual(['褚文涛']);
    expect(article.paragraphs.filter((p) => p.attribution.label?.startsWith('答')).every((p) => p.speaker === '褚文涛')).toBe(true);
  });

  it('gives the lead to the reporter who asks when no byline names them (问： and 记者日前采访了…), not to the editor', () => {
    const article = parseArticle(fixture('qa-unnamed-reporter'));
    const lead = article.paragraphs.find((p) => p.kind === 'lead')!;
    expect([lead.speaker, lead.role, lead.attribution.method]).toEqual(['记者', 'host', 'narration']);
    expect(article.interviewers).toEqual(['记者']);
  });

  it('keeps a lead printed under 编者按 or a profile heading the editor’s, whoever asks', () => {
    for (const heading of ['编者按', '受访者简介']) {
      const text = fixture('qa-unnamed-reporter').replace('在虚构市的老城区', `${heading}\n\n在虚构市的老城区`);
      const lead = parseArticle(text).paragraphs.find((p) => p.kind === 'lead')!;
      expect([heading, lead.speaker, lead.role]).toEqual([heading, '编者', 'editor']);
    }
  });

  it('names the host who names themselves in their own turns (我是主持人NAME。), and no one when they give two names', () => {
    const article = parseArticle(fixture('bracket-host-self-named'));
    expect(article.interviewers).toEqual(['纪云帆']);
    const twoNames = parseArticle(fixture('bracket-host-self-named').replace('我是纪云帆，', '我是纪云舟，'));
    expect(twoNames.interviewers).toEqual(['主持人']);
  });

  it('names each host who hands over under the same label from where they name themselves, and no one when the last turn signs off as a third', () => {
    expect(parseArticle(fixture('bracket-host-hand-over')).interviewers).toEqual(['于晓婷', '赖文杰']);
    const third = parseArticle(fixture('bracket-host-hand-over').replace('谢谢两位，今天', '谢谢两位，我是严小舟，今天'));
    expect(third.interviewers).toEqual(['主持人']);
  });

  it('reads a surname-and-title label (宁教授：) as the one person of that surname listed with that title, and no one when two share it', () => {
    const alias = (text: string) => parseArticle(text).paragraphs.find((p) => p.attribution.label === '宁教授')!;
    expect([alias(fixture('surname-title-label')).speaker, alias(fixture('surname-title-label')).attribution.confidence]).toEqual(['宁致远', 0.8]);
    const twoNings = fixture('surname-title-label').replace('霍晓岚，虚构市疾控中心', '宁海川，虚构大学心理学教授。\n\n霍晓岚，虚构市疾控中心');
    expect(alias(twoNings).role).toBe('unattributed');
    const otherTitle = fixture('surname-title-label').replace('宁教授：别躺', '宁所长：别躺');
    expect(parseArticle(otherTitle).paragraphs.find((p) => p.attribution.label === '宁所长')!.role).toBe('unattributed');
  });

  it('reads a column’s tag (【圆桌】) as no label, 编者按：… on its line as the editor’s note, a padded name (尤　青) and a title listing posts (NAME（…、…）：)', () => {
    const article = parseArticle(fixture('column-tag-roundtable'));
    expect(article.title).toBe('让夜市热闹又干净');
    const note = article.paragraphs.find((p) => p.text.startsWith('编者按'))!;
    expect([note.speaker, note.kind]).toEqual(['编者', 'editors-note']);
    expect(article.editorsNote).toEqual([note.id]);
    expect(article.paragraphs.filter((p) => p.kind === 'guest-entry').map((p) => p.speaker)).toEqual(['阮国栋', '尤青']);
    const first = article.paragraphs.find((p) => p.text.startsWith('尤青（'))!;
    expect([first.speaker, first.attribution.method, first.title]).toEqual(['尤青', 'label', '夜市摊主、糖水铺老板']);
  });

  it('reads a label padded with a full-width space (邓　娟：) as that person’s, never as more of the turn before it', () => {
    const padded = parseArticle(fixture('padded-name-label')).paragraphs.filter((p) => p.attribution.label === '邓　娟');
    expect(padded.map((p) => `${p.speaker}/${p.attribution.method}`)).toEqual(['邓娟/label', '邓娟/label', '邓娟/label', '邓娟/label']);
  });

  it('never gives a bare 答 to the one interviewee the lead reads when others answer under their own names; 孔老/小单 call the one of that surname', () => {
    const bare = (text: string) => parseArticle(text).paragraphs.find((p) => p.attribution.label === '答')!;
    expect(bare(fixture('qa-bare-answer-elder')).speaker).toBe('孔德茂');
    const uncalled = bare(fixture('qa-bare-answer-elder').replace('问：孔老，您现在还常来', '问：您现在还常来'));
    expect([uncalled.role, uncalled.speaker === '柏文静']).toEqual(['unattributed', false]);
  });

  it('rejoins a profile run on after its label (简历：…，1 / 979年起…) with a number cut in two made whole, and gives it to the one the credit line says wrote the record up', () => {
    const profile = parseArticle(fixture('record-profile-on-label-line')).paragraphs.find((p) => p.text.startsWith('简历'))!;
    expect(profile.text).toContain('1979年起任保管员');
    expect(profile.text).toContain('讲储粮的老办法。');
    expect([profile.speaker, profile.attribution.method]).toEqual(['严若水', 'narration']);
    // The one who wrote the record up asks under their own name: their turns are the questions.
    const article = parseArticle(fixture('record-profile-on-label-line'));
    expect(article.paragraphs.filter((p) => p.attribution.label === '严若水').map((p) => p.kind)).toEqual(['host-question', 'host-question', 'host-question']);
    expect(article.interviewers).toEqual(['严若水']);
  });

  it('reads 老柯：/小段： as the one the text calls so (叫他老柯), even by a name no other rule reads, past a namesake; with two of that surname and no such words, doubted', () => {
    const article = parseArticle(fixture('qa-familiar-labels'));
    expect(article.paragraphs.filter((p) => p.attribution.label === '老柯').map((p) => p.speaker)).toEqual(['柯德山', '柯德山']);
    // `说完，老柯起身……` after the last turn: the reporter telling of a speaker, not more of 小川's turn.
    expect(article.paragraphs.at(-1)!.speaker).toBe('邵云舒');
    const unsaid = fixture('qa-familiar-labels').replace('，街坊都叫他老柯', '');
    const doubted = parseArticle(unsaid);
    const old = doubted.paragraphs.filter((p) => p.attribution.label === '老柯');
    expect(old.map((p) => p.role)).toEqual(['unattributed', 'unattributed']);
    expect(old.every((p) => doubted.doubts.some((d) => d.paragraph === p.id))).toBe(true);
    const oneKe = fixture('qa-familiar-labels').replace('，街坊都叫他老柯', '').replace(/柯小川/gu, '温小川');
    expect(parseArticle(oneKe).paragraphs.filter((p) => p.attribution.label === '老柯').map((p) => p.speaker)).toEqual(['柯德山', '柯德山']);
    const lead = parseArticle(fixture('interview-familiar-only-in-lead'));
    expect(lead.paragraphs.filter((p) => p.attribution.label === '小段').map((p) => p.speaker)).toEqual(['段晓峰', '段晓峰']);
    // `段家湾`, a place of that surname in the sentence that says so, is no one: the label stays doubted.
    const place = readArticle(fixture('interview-familiar-only-in-lead').replace('二十四岁的段晓峰来当他', '段家湾的小伙子来当他')).article;
    expect(place.paragraphs.filter((p) => p.attribution.label === '小段').map((p) => p.role)).toEqual(['unattributed', 'unattributed']);
  });

  it('reads a four-character name of a two-character surname after a post (——访…主任司徒静岚) as the one interviewee, whose 答 it is', () => {
    const article = parseArticle(fixture('qa-compound-surname-kicker'));
    expect(article.interviewees).toEqual(['司徒静岚']);
  });

  it('reads a profile in sentences under its 简历 heading, and the note on the record, as the words of the one a credit line says wrote it up (采访整理：本报记者 NAME), never the interviewee’s', () => {
    const article = parseArticle(fixture('record-profile-under-heading'));
    const front = article.paragraphs.filter((p) => /^(?:滕长河，1956|本文根据)/u.test(p.text));
    expect(front.map((p) => p.speaker)).toEqual(['柯望舒', '柯望舒']);
    expect(article.interviewees).toEqual(['滕长河']);
  });

  it('reads a note in brackets after an answer (（记者注：……）, （编者注：……）) as the reporter’s or the paper’s, never more of the answer', () => {
    const article = parseArticle(fixture('qa-bracketed-reporters-note'));
    const notes = article.paragraphs.filter((p) => /^（(?:记者|编者)注/u.test(p.text));
    expect(notes.map((p) => p.speaker)).toEqual(['编者', '蒲晓棠']);
    // With no byline, the note is the unnamed reporter's who asks the questions, still never the answer's.
    const anonymous = parseArticle(fixture('qa-bracketed-reporters-note').replace('本报记者　蒲晓棠\n\n', ''));
    expect(anonymous.paragraphs.filter((p) => p.text.startsWith('（记者注')).map((p) => p.speaker)).toEqual(['记者']);
  });

  it('reads 【问】 questions over unlabelled answers as the reporter’s, the answers the one a kicker names after a trade (——专访木雕手艺人NAME)', () => {
    const article = parseArticle(fixture('bracket-question-unlabelled-answers'));
    expect(article.paragraphs.filter((p) => p.attribution.label === '【问】').map((p) => p.speaker)).toEqual(['柏晓雯', '柏晓雯', '柏晓雯', '柏晓雯']);
    expect(article.interviewees).toEqual(['邹长林']);
  });

  it('gives a note on the record in sentences (说明：本文根据……。) to the one the credit line says wrote it up, never a speaker’s label; with no such credit, the paper’s', () => {
    const note = '说明：本文根据三次访谈的录音整理，访谈在卜永年家的院子里进行，文中问话者即整理者。\n\n';
    const withNote = fixture('record-profile-on-label-line').replace('严若水：卜师傅，您刚到', `${note}严若水：卜师傅，您刚到`);
    const read = parseArticle(withNote).paragraphs.find((p) => p.text.startsWith('说明'))!;
    expect([read.speaker, read.attribution.method]).toEqual(['严若水', 'narration']);
    const uncredited = parseArticle(withNote.replace('采访整理：严若水\n', '')).paragraphs.find((p) => p.text.startsWith('说明'))!;
    expect([uncredited.speaker, uncredited.attribution.method]).toEqual(['编者', 'front-matter']);
  });

  it('reads a surname and a degree (庞博士：) as the one person of that surname named in full, whatever post the list gives them; two of that surname: doubted', () => {
    const degree = (text: string) => readArticle(text).article.paragraphs.find((p) => p.attribution.label === '庞博士')!;
    expect(degree(fixture('degree-title-label')).speaker).toBe('庞文华');
    expect(degree(fixture('degree-title-label').replace('阎秋菊　青石街道', '庞秋菊　青石街道')).role).toBe('unattributed');
  });

  it('gives 答（NAME） to the person it names, never to the first interviewee', () => {
    const article = parseArticle(fixture('qa-named-answers'));
    expect(article.paragraphs.filter((p) => p.attribution.label?.startsWith('答')).map((p) => `${p.attribution.label}=${p.speaker}`)).toEqual([
      '答（桂芳华）=桂芳华',
      '答（季永康）=季永康',
      '答（常晓雨）=常晓雨',
      '答（桂芳华）=桂芳华',
    ]);
  });

  it('reads a 人物简介 of one sentence a guest, and NAME副局长：/NAME博士： labels as those guests', () => {
    const article = parseArticle(fixture('profile-list'));
    expect(article.paragraphs.filter((p) => p.kind === 'guest-entry').map((p) => p.speaker)).toEqual(['骆雪晴', '聂远山', '邹国辉']);
    expect(article.speakers.find((s) => s.name === '邹国辉')?.title).toBe('虚构湖湿地保护区管理局副局长，在保护区工作十五年。');
    expect(article.speakers.map((s) => s.name)).not.toContain('邹国辉副局长');
  });

  it('reads the quotations of a report that turns into a Q&A halfway, and the labels of the people it quotes', () => {
    const article = parseArticle(fixture('report-then-qa'));
    const lead = article.paragraphs.filter((p) => p.kind === 'lead');
    expect(lead.map((p) => `${p.speaker}/${p.attribution.method}`)).toEqual(['滕一鸣/byline', '蒲德顺/quotation', '滕一鸣/byline']);
    const first = lead[0]!;
    expect(first.speeches?.map((s) => `${s.speaker}:${first.text.slice(s.start, s.start + 6)}`)).toEqual(['冉子轩:榨油最要紧的']);
    const span = first.speeches![0]!;
    expect(makeCitation(article, 1, first.id, span.start, span.end).speaker).toBe('冉子轩');
    expect(lead[1]!.speeches?.filter((s) => s.method !== 'narration').map((s) => s.speaker)).toEqual(['蒲德顺', '蒲德顺', '蒲德顺']);
    // The sentences around his words that only tell of him are the byline's reporter's.
    expect(lead[1]!.speeches?.filter((s) => s.method === 'narration').map((s) => `${s.speaker}:${lead[1]!.text.slice(s.start, s.start + 5)}`)).toEqual(['滕一鸣:站在灶台边', '滕一鸣:老人今年6']);
  });

  it('reads the narration after the last answer as the reporter’s, its quotations their speakers’, and an answer that names someone with 我们 as the answer', () => {
    const article = parseArticle(fixture('closing-narration'));
    const after = article.paragraphs.slice(article.paragraphs.findIndex((p) => p.text.startsWith('采访结束时')));
    expect(after.map((p) => `${p.speaker}/${p.role}`)).toEqual(['柏青/host', '鲁永福/quoted']);
    const closing = after[0]!;
    expect(closing.speeches?.filter((s) => s.method !== 'narration').map((s) => `${s.speaker}:${closing.text.slice(s.start, s.start + 5)}`)).toEqual(['汤子墨:这些吊机，']);
    expect(article.paragraphs.find((p) => p.text.startsWith('鲁永福说得好'))!.speaker).toBe('汤子墨');
  });

  it('gives 答 to the one interviewee the lead names', () => {
    const article = parseArticle(fixture('qa-one'));
    expect(article.interviewees).toEqual(['冯玉兰']);
    expect(article.paragraphs.filter((p) => p.attribution.label === '答').every((p) => p.speaker === '冯玉兰')).toBe(true);
  });
});

describe('parseArticle when it cannot be sure', () => {
  const host = '主持人：各位好，今天请到了虚构大学教授王一鸣，谈谈城市绿地。';
  const wang = '王一鸣：城市绿地不只是好看，它能降温、蓄水，还能给居民一个走动的地方。';

  it('never lets an unknown label continue the speaker before it: the paragraph is unattributed and doubted', () => {
    const turns = [host, wang, '主持人：绿地怎样规划？', wang, '主持人：绿地怎样养护？', wang, '主持人：居民能做什么？', wang];
    const article = parseArticle(['城市绿地访谈', ...turns, '赵某某：我插一句，这个问题还要看预算。', '预算的事以后再说。', ...turns.slice(2)].join('\n\n'));
    const unknown = article.paragraphs.find((p) => p.text.startsWith('赵某某'))!;
    expect([unknown.speaker, unknown.role, unknown.kind, unknown.attribution.method]).toEqual(['未判定', 'unattributed', 'unattributed', 'unattributed']);
    expect(article.paragraphs[unknown.id + 1]!.role).toBe('unattributed');
    expect(article.doubts.map((d) => [d.reason, d.paragraph])).toEqual([
      ['unknown-label', unknown.id],
      ['no-speaker', unknown.id + 1],
    ]);
    expect(article.speakers.map((s) => s.name)).not.toContain('未判定');
  });

  it('reads whom a lead says the reporter talked with after a post (与……部长NAME进行了对话), and a label shortened to surname and post after that person’s first answer (鲁明远： then 鲁主任：) as theirs when no one else answers', () => {
    const article = parseArticle(fixture('interview-label-shortened'));
    expect(article.interviewees).toEqual(['鲁明远']);
    expect(article.paragraphs.filter((p) => p.attribution.label === '鲁主任').map((p) => p.speaker)).toEqual(['鲁明远', '鲁明远']);
    // Someone else answering under a label of their own: the shortened label stays doubted.
    const another = readArticle(fixture('interview-label-shortened').replace('鲁主任：主要靠志愿者。', '甘晓梅：主要靠志愿者。')).article;
    expect(another.paragraphs.filter((p) => p.attribution.label === '鲁主任').map((p) => p.role)).toEqual(['unattributed']);
  });

  it('credits no label that calls someone by surname and post to that guess, however often it recurs, when no one named in full holds the post', () => {
    const lead = '本报讯　记者采访了虚构县青石村小学校长柏文山。';
    const bai = '柏文山：书不够，我们就一本一本地攒。';
    const turns = ['问：图书角是怎么建起来的？', '柏主任：一开始只有三十几本旧书，是老师们从家里带来的。', bai, '问：孩子们爱看什么书？', '柏主任：动物和太空的书借得最多，有几本已经翻得掉了页。', bai, '问：还缺什么？', bai, '问：谢谢。', bai];
    const article = parseArticle(['一座山村小学的图书角', '本报记者 房晓禾', lead, ...turns].join('\n\n'));
    const answers = article.paragraphs.filter((p) => p.text.startsWith('柏主任'));
    expect(answers.map((p) => [p.speaker, p.role])).toEqual([
      ['未判定', 'unattributed'],
      ['未判定', 'unattributed'],
    ]);
    expect(article.doubts.map((d) => [d.reason, d.paragraph, d.message])).toEqual(
      answers.map((p) => ['unknown-label', p.id, 'label "柏主任" calls someone by surname and title, and the article names 柏文山 of that surname, never so in full']),
    );
  });

  it('never continues a turn over a line alone that ends in a colon no rule reads as a label, nor over the words under it', async () => {
    const article = parseArticle(fixture('broadcast-unread-label-alone'));
    const line = article.paragraphs.find((p) => p.text.startsWith('牧民 阿依古麗 和'))!;
    const under = article.paragraphs[line.id + 1]!;
    expect([line.role, under.role]).toEqual(['unattributed', 'unattributed']);
    expect(article.doubts.map((d) => [d.reason, d.paragraph])).toEqual([
      ['unknown-label', line.id],
      ['no-speaker', under.id],
    ]);
    await expect(attributionListing(article)).toMatchFileSnapshot('./snapshots/layouts/broadcast-unread-label-alone.txt');
  });

  it('marks as doubted the paragraphs that continue a turn whose label names someone no one introduces and who labels no other turn', () => {
    const turns = [host, wang, '主持人：绿地怎样规划？', wang, '主持人：绿地怎样养护？', wang, '主持人：居民能做什么？', wang];
    const once = '钱立新（虚构园林局工程师）：养护要看树种，本地树种最省心。';
    const article = parseArticle(['城市绿地访谈', ...turns, once, '外来树种好看，可是一到冬天就要裹草绳，费工费钱。', ...turns.slice(2)].join('\n\n'));
    const labelled = article.paragraphs.find((p) => p.text.startsWith('钱立新'))!;
    const after = article.paragraphs[labelled.id + 1]!;
    expect([labelled.speaker, after.speaker]).toEqual(['钱立新', '钱立新']);
    expect(article.doubts.map((d) => [d.reason, d.paragraph, d.message])).toEqual([
      ['unknown-label', after.id, 'label "钱立新（虚构园林局工程师）" names someone no one introduces, and labels no other turn: a paragraph after it with no label of its own'],
    ]);
  });

  it('credits to no one the words a pronoun takes after a clause where someone unread speaks (…护士长NAME说，…“……”她说)', async () => {
    const article = parseArticle(fixture('report-unread-speaker-pronoun'));
    const nurse = article.paragraphs.find((p) => p.text.includes('护士长'))!;
    expect((nurse.speeches ?? []).filter((s) => s.method === 'pronoun')).toEqual([]);
    expect(nurse.openSpeeches?.map((s) => nurse.text.slice(s.start, s.end))).toEqual(['老人的饭要少盐少油，还要软一点，一顿饭控制在四百大卡左右。', '下一步还想给有慢性病的老人单独配餐']);
    expect(article.doubts.map((d) => [d.reason, d.paragraph])).toEqual([['open-speech', nurse.id]]);
    await expect(attributionListing(article)).toMatchFileSnapshot('./snapshots/layouts/report-unread-speaker-pronoun.txt');
  });

  it('gives no 他/她 to someone named before when a name of a word surname (和, 向) the text does not read opens the sentence, nor the 他说 of the next paragraph', async () => {
    const article = parseArticle(fixture('report-word-surname-pronoun'));
    const opening = (start: string) => article.paragraphs.find((p) => p.text.startsWith(start))!;
    const secretary = (p: ReturnType<typeof opening>) => (p.speeches ?? []).filter((s) => s.speaker === '苗建军');
    // `和春生是书屋的第一个管理员。他……“……”他笑着回忆。` and `他说，……`: never 苗建军's, the last person read.
    for (const start of ['和春生是', '他说，孩子们', '傍晚时分']) expect(secretary(opening(start))).toEqual([]);
    expect(article.doubts.map((d) => [d.reason, d.paragraph])).toEqual([
      ['open-speech', opening('和春生是').id],
      ['no-speaker', opening('他说，孩子们').id],
      ['no-speaker', opening('傍晚时分').id],
    ]);
    expect(opening('柴秀英介绍').speaker).toBe('柴秀英');
    await expect(attributionListing(article)).toMatchFileSnapshot('./snapshots/layouts/report-word-surname-pronoun.txt');
  });

  it('gives no 他说 to someone named before, nor to the byline, when someone the text does not read (向长根, 护林员席满仓) does something just before it, in its paragraph or the one before', async () => {
    const article = parseArticle(fixture('report-unread-doer-pronoun'));
    const opening = (start: string) => article.paragraphs.find((p) => p.text.startsWith(start))!;
    const credited = (start: string) => (opening(start).speeches ?? []).filter((s) => s.method !== 'narration').map((s) => s.speaker);
    for (const start of ['天刚亮', '他说，夜里']) {
      expect(credited(start)).toEqual([]);
      expect(opening(start).openSpeeches?.length).toBe(1);
    }
    expect(article.doubts.map((d) => [d.reason, d.paragraph])).toEqual([
      ['no-speaker', opening('天刚亮').id],
      ['no-speaker', opening('他说，夜里').id],
    ]);
    // Each doubt says whom the pronoun may mean.
    expect(article.doubts.map((d) => /may mean (\p{Script=Han}+)/u.exec(d.message)?.[1])).toEqual(['向长根', '席满仓']);
    // Someone the text reads (罗国栋) doing something before 他说: still his.
    expect(credited('下午')).toEqual(['罗国栋']);
    await expect(attributionListing(article)).toMatchFileSnapshot('./snapshots/layouts/report-unread-doer-pronoun.txt');
  });

  it('credits a surname-and-post label the article never gives that person only when its own turn says it is what they are called', () => {
    const { article: silent, refusal } = readArticle(fixture('topic-quotes-self-named-label').replace('村里人都叫我钟站长，', ''));
    expect(refusal).not.toBeNull();
    expect(silent.paragraphs.filter((p) => p.attribution.label === '钟站长').every((p) => p.speaker !== '钟慕白')).toBe(true);
    expect(silent.doubts.some((d) => d.reason === 'unknown-label')).toBe(true);
  });

  it('gives a given-name label to no one when two people named in full share that given name', () => {
    const { article } = readArticle(fixture('given-name-label').replace('卓思远', '卓春阳').replaceAll('卓思远', '卓春阳'));
    expect(article.paragraphs.filter((p) => p.attribution.label === '春阳').every((p) => p.role === 'unattributed')).toBe(true);
  });

  it('takes no common word before a colon for a person, even when it recurs (`比如：`)', () => {
    const turns = [host, wang, '主持人：绿地怎样规划？', wang, '比如：五分钟能走到一块绿地，是比较理想的目标。', '主持人：绿地怎样养护？', wang, '比如：少用需要大量浇水的草坪。', '主持人：居民能做什么？', wang, '主持人：谢谢。', wang];
    const article = parseArticle(['城市绿地访谈', ...turns].join('\n\n'));
    expect(article.speakers.map((s) => s.name)).not.toContain('比如');
    const examples = article.paragraphs.filter((p) => p.text.startsWith('比如'));
    expect(examples.map((p) => [p.role, p.attribution.method])).toEqual([
      ['unattributed', 'unattributed'],
      ['unattributed', 'unattributed'],
    ]);
    expect(article.doubts.filter((d) => d.reason === 'unknown-label').map((d) => d.paragraph)).toEqual(examples.map((p) => p.id));
  });

  it('reads no role word the layout does not know as the turn before it', () => {
    const turns = [host, wang, '主持人：绿地怎样规划？', wang, '主持人：绿地怎样养护？', wang, '主持人：居民能做什么？', wang, '主持人：还有呢？', wang];
    const article = parseArticle(['城市绿地访谈', ...turns, '同期声：这里原来是一片荒地。', '主持人：谢谢。'].join('\n\n'));
    const sound = article.paragraphs.find((p) => p.text.startsWith('同期声'))!;
    expect([sound.role, sound.attribution.method]).toEqual(['unattributed', 'unattributed']);
    expect(article.doubts.map((d) => d.paragraph)).toEqual([sound.id]);
  });

  it('gives a report’s paragraph that opens with someone’s label to no one, not to the byline, and says so', () => {
    const report = ['口袋公园开放', '本报记者 韩梅', '本报讯 近日，虚构市新建的三座口袋公园向市民开放，每座面积不到两千平方米。', '周边居民纷纷前来游玩，不少老人在园中下棋、散步，孩子们在沙坑里玩耍。', '不少市民表示，这样的小公园离家近，随时可以来坐坐，比大公园方便得多。', '陈阿姨：以前这里是块空地，现在变成了公园，我每天都来走走。', '据介绍，明年虚构市还将新建十座口袋公园，让市民出门五分钟就能见到绿地。'];
    const article = parseArticle(report.join('\n\n'));
    const quoted = article.paragraphs.find((p) => p.text.startsWith('陈阿姨'))!;
    expect([quoted.speaker, quoted.role]).toEqual(['未判定', 'unattributed']);
    expect(article.doubts).toEqual([{ reason: 'no-speaker', paragraph: quoted.id, message: 'no speaker could be decided for this paragraph of the report (it opens with "陈阿姨")' }]);
  });

  it('marks a listed guest who never speaks', () => {
    const article = parseArticle(['城市绿地访谈', '本期嘉宾', '王一鸣 虚构大学教授', '李二丫 虚构园林局副局长', host, wang, '主持人：绿地怎样规划？', wang].join('\n\n'));
    expect(article.doubts).toEqual([{ reason: 'silent-guest', paragraph: null, message: 'guest "李二丫" is listed and never speaks' }]);
  });

  it('gives no one, and doubts, the unlabelled answers to marked questions when the kicker may name several people (refused when they are many), and narration that tells of the interviewee', () => {
    const { article: several, refusal } = readArticle(fixture('marked-questions-answers').replace('——访市级非遗木雕传承人钟远峰', '——访木雕传承人钟远峰和徒弟龚小海'));
    expect(refusal).toMatch(/without a speaker/);
    expect(several.layout.name).toBe('marked-qa');
    expect(several.paragraphs.filter((p) => p.kind === 'host-question').map((p) => p.speaker)).toEqual(['柴晓雨', '柴晓雨', '柴晓雨', '柴晓雨']);
    const answers = several.paragraphs.filter((p) => p.role === 'unattributed').map((p) => p.id);
    expect(answers).toEqual([6, 8, 11, 13]);
    expect(several.doubts.filter((d) => d.reason === 'no-speaker').map((d) => d.paragraph)).toEqual(answers);
    const toldOf = parseArticle(fixture('marked-questions-answers').replace('冬天手冻裂了也要握刀', '说到这里，钟远峰伸出左手给记者看。\n\n冬天手冻裂了也要握刀'));
    const narration = toldOf.paragraphs.find((p) => p.text.startsWith('说到这里'))!;
    expect([narration.speaker, toldOf.doubts.some((d) => d.paragraph === narration.id)]).toEqual(['未判定', true]);
  });

  it('never gives the reporter unlabelled answers a report reads as narration in the first person: refused when they are many', () => {
    const { article, refusal } = readArticle(fixture('report-first-person-answers'));
    expect(article.paragraphs.filter((p) => p.role === 'unattributed').map((p) => p.text.slice(0, 2))).toEqual(['你当', '我在', '难。', '我们']);
    expect(refusal).toMatch(/leaves \d+% of the paragraphs without a speaker/);
    expect(() => parseArticle(fixture('report-first-person-answers'))).toThrow(CorpusError);
  });

  it('reads a two-character surname in a report (教授司马文静表示, 诸葛所长说) as one person, never leaving their words to the reporter or to no one', () => {
    const article = parseArticle(fixture('report-compound-surname'));
    expect(article.paragraphs.filter((p) => p.kind === 'report').map((p) => p.speaker)).toEqual(['黎秋', '司马文静', '司马文静', '诸葛宏']);
  });

  it('reads a child’s doubled nickname after 学生 (学生乐乐) as a person when words are credited to it (“……”乐乐说)', () => {
    const article = parseArticle(fixture('report-child-nickname'));
    const child = article.paragraphs.find((p) => p.text.includes('学生乐乐'))!;
    expect(child.speeches?.map((s) => s.speaker)).toEqual(['乐乐', '乐乐']);
    expect(article.doubts).toEqual([]);
  });

  it('refuses a text whose labels no layout explains, and says why', () => {
    const chat = ['聊天记录', '甲乙丙：你好。', '丁戊己：今天天气不错。', '庚辛壬：是的。', '癸子丑：我们走吧。', '寅卯辰：好的。'].join('\n\n');
    expect(() => parseArticle(chat)).toThrow(CorpusError);
    expect(() => parseArticle(chat)).toThrow(/refused: the best layout \(\S+\) reads only 0% of the 5 paragraphs that open with a label/);
  });
});

describe('parseArticle on a record with credit lines (record-credit-lines)', () => {
  it('reads 访谈人：NAME（unit） and 记录整理：… as front matter, never unknown labels', () => {
    const article = parseArticle(fixture('record-credit-lines'));
    const credits = article.paragraphs.filter((p) => p.text.startsWith('访谈人') || p.text.startsWith('记录整理'));
    expect(credits.map((p) => p.speaker)).toEqual(['编者', '编者']);
    expect(credits.every((p) => p.attribution.method === 'front-matter')).toBe(true);
    expect(article.doubts).toEqual([]);
  });
});

describe('parseArticle on a record under a line of several credits (record-several-credits)', () => {
  it('reads 口述：NAME　　采访：NAME　　整理：NAME as the paper\'s line: the 简历 profile and the closing note on the record are the words of the one credited with 整理, the turns labelled with the 采访 name (in full or by surname) that one\'s questions', () => {
    const article = parseArticle(fixture('record-several-credits'));
    const credits = article.paragraphs.find((p) => p.text.startsWith('口述'))!;
    expect([credits.speaker, credits.attribution.method]).toEqual(['编者', 'front-matter']);
    const compiled = article.paragraphs.filter((p) => /^(?:骆秀珍，女|（本文根据)/u.test(p.text));
    expect(compiled.map((p) => [p.speaker, p.role, p.attribution.method])).toEqual([
      ['阎静秋', 'host', 'narration'],
      ['阎静秋', 'host', 'narration'],
    ]);
    const asked = article.paragraphs.filter((p) => p.attribution.label === '符晓川' || p.attribution.label === '符');
    expect(asked.map((p) => `${p.speaker}/${p.role}`)).toEqual(Array(5).fill('符晓川/host'));
    expect(article.interviewees).toEqual(['骆秀珍']);
    expect(article.interviewers).toContain('符晓川');
    // The credits in any order: a line that opens with 采访 is no one's label either.
    const reordered = parseArticle(fixture('record-several-credits').replace('口述：骆秀珍　　采访：符晓川　　整理：阎静秋', '采访：符晓川　　整理：阎静秋　　口述：骆秀珍'));
    expect(reordered.doubts).toEqual([]);
    expect(reordered.paragraphs.filter((p) => /^(?:骆秀珍，女|（本文根据)/u.test(p.text)).map((p) => p.speaker)).toEqual(['阎静秋', '阎静秋']);
    expect(readTurnLabel('口述：骆秀珍　　采访：符晓川　　整理：阎静秋')).toBeNull();
  });
});

describe('parseArticle on a Q&A whose kicker names the interviewee (qa-kicker-interviewee)', () => {
  it('reads ——访…站长NAME as the interviewee, never a post followed by no name (本报记者在灯塔站对他…)', () => {
    const article = parseArticle(fixture('qa-kicker-interviewee'));
    expect(article.interviewees).toEqual(['庞立秋']);
    expect(article.paragraphs.filter((p) => p.text.startsWith('答：')).every((p) => p.speaker === '庞立秋')).toBe(true);
  });
});

describe('parseArticle on a transcript with a profile in prose (profile-prose-four-char-name)', () => {
  it('reads NAME，1970年出生… under 人物简介 as someone introduced, and a four-character name before a title as their label', () => {
    const article = parseArticle(fixture('profile-prose-four-char-name'));
    const turns = article.paragraphs.filter((p) => p.text.startsWith('欧阳明远队长：'));
    expect(turns.map((p) => [p.speaker, p.attribution.method])).toEqual([['欧阳明远', 'label'], ['欧阳明远', 'label']]);
    expect(readTurnLabel('市教育局局长：好的。')?.name ?? null).toBeNull();
  });
});

describe('parseArticle on a broadcast whose credits line names who writes and voices the narration (broadcast-credited-narrator)', () => {
  it('reads 解說： under 本期撰稿、解說：NAME　　編導：NAME as that writer\'s words (under a line no rule reads too), the credits line as the paper\'s; with no such credit, the role word\'s as before', () => {
    const text = fixture('broadcast-credited-narrator');
    const narration = (article: Article) => article.paragraphs.filter((p) => p.attribution.label === '解說').map((p) => `${p.speaker}/${p.role}`);
    const article = parseArticle(text);
    expect(narration(article)).toEqual(Array(3).fill('莫曉嵐/author'));
    expect(article.speakers.find((s) => s.name === '莫曉嵐')!.title).toBe('撰稿、解說');
    const credits = article.paragraphs.find((p) => p.text.startsWith('本期撰稿'))!;
    expect([credits.speaker, credits.attribution.method]).toEqual(['编者', 'front-matter']);
    // Under a line no rule reads (`播出頻道：`, doubted), the credits are still the paper's line and still name the narrator.
    const unread = parseArticle(text.replace('播出日期：2025年5月17日\n', '播出頻道：山城電視台綜合頻道\n'));
    expect(narration(unread)).toEqual(Array(3).fill('莫曉嵐/author'));
    expect(unread.paragraphs.find((p) => p.text.startsWith('本期撰稿'))!.speaker).toBe('编者');
    const uncredited = parseArticle(text.replace('本期撰稿、解說：莫曉嵐　　編導：殷子航　　攝像：喬明遠\n', ''));
    expect(narration(uncredited)).toEqual(Array(3).fill('解说/editor'));
    expect(uncredited.interviewers).toEqual(['甘淑儀']);
  });
});

describe('parseArticle on a broadcast whose post labels open with a school or a village (broadcast-unit-post-label)', () => {
  it('reads 高坪中學校長： and 黃沙村村長： as posts held by the people the narration names, never a person called 高坪中學', () => {
    const article = parseArticle(fixture('broadcast-unit-post-label'));
    expect(article.interviewees).toEqual(['龔德文', '侯秀珍']);
    expect(readTurnLabel('石坪小学校长：好的。')).toMatchObject({ name: null, isRole: true });
    expect(readTurnLabel('石坪村主任：好的。')).toMatchObject({ name: null, isRole: true });
    expect(readTurnLabel('黄河局局长：好的。')).toMatchObject({ name: null, isRole: true });
    // A name before a post stays a name (`欧阳明远队长`, `王立群教授`).
    expect(readTurnLabel('王立群教授：好的。')?.name).toBe('王立群');
  });
});

describe('parseArticle on an interview with 编者注 (editors-note-zhu)', () => {
  it('reads 编者注：… on its label\'s line as the editor\'s note, no unknown label', () => {
    const article = parseArticle(fixture('editors-note-zhu'));
    const note = article.paragraphs.find((p) => p.text.startsWith('编者注'))!;
    expect([note.speaker, note.role, note.kind]).toEqual(['编者', 'editor', 'editors-note']);
    expect(article.doubts).toEqual([]);
  });
});

describe('parseArticle on a broadcast whose labels are posts of a place or craft (broadcast-place-post)', () => {
  it('leaves a label with no surname that the text names no one with (老街坊：) unattributed and doubted, never a guess', () => {
    const text = fixture('broadcast-place-post').replace('主持人 蘇映雪 :\n感謝收看', '解說：\n一位提著菜籃的老太太最後一個下車。\n\n老街坊：\n我天天坐這個車去買菜，坐了一輩子了。\n\n主持人 蘇映雪 :\n感謝收看');
    const article = parseArticle(text);
    const p = article.paragraphs.find((q) => q.text.includes('我天天坐這個車'))!;
    expect([p.speaker, p.kind]).toEqual(['未判定', 'unattributed']);
    expect(article.doubts.map((d) => d.message)).toEqual(['label "老街坊" names no one the article introduces']);
    expect(turnSpeakers(article).join(' ')).toBe('蘇映雪 解说 魏國棟 魏國棟 解说 彭德海 解说 蘇映雪');
  });

  it('names a holder by the post proper only for a head (站長 of 纜車站長), never by any last two characters (司機 of 纜車司機)', () => {
    const shortened = parseArticle(fixture('broadcast-place-post').replace('纜車站站長魏國棟', '站長魏國棟'));
    expect(turnSpeakers(shortened).join(' ')).toBe('蘇映雪 解说 魏國棟 魏國棟 解说 彭德海 蘇映雪');
    const driver = parseArticle(fixture('broadcast-place-post').replace('纜車司機彭德海', '司機彭德海'));
    expect(turnSpeakers(driver).join(' ')).toBe('蘇映雪 解说 魏國棟 魏國棟 解说 蘇映雪');
    expect(driver.doubts.map((d) => d.message)).toEqual(['label "纜車司機" names no one the article introduces']);
  });
});

describe('parseArticle on closing narration whose verb of saying follows a gesture (closing-gesture-lead)', () => {
  it('credits 邵明川站在沙丘顶上，望着远处一片刚种下的甘草地说：“……” to 邵明川, the narration around it to the byline', () => {
    const article = parseArticle(fixture('closing-gesture-lead'));
    const p = article.paragraphs.at(-1)!;
    const start = p.text.indexOf('明年这里也能绿起来');
    expect(p.speeches?.find((s) => s.start <= start && s.end > start)?.speaker).toBe('邵明川');
    expect(p.speaker).toBe('曲文静');
  });
});

describe('parseArticle on a long post alone on its line (broadcast-long-post-label)', () => {
  it('reads 國有林場護林員： as a label, never as words that go on the narration or the host’s turn before it', () => {
    const unnamed = parseArticle(fixture('broadcast-long-post-label').replace('國有林場護林員聶長青', '一位護林員'));
    const turns = unnamed.paragraphs.filter((p) => p.text.startsWith('國有林場護林員：'));
    expect(turns.map((p) => `${p.speaker}/${p.attribution.method}`)).toEqual(['國有林場護林員/label', '國有林場護林員/label']);
  });
});

describe('parseArticle on a news feature that says who holds a post (news-feature-post-stated)', () => {
  const quoted = (article: Article, words: string) => {
    const p = article.paragraphs.find((q) => q.text.includes(words))!;
    const start = p.text.indexOf(words);
    return p.speeches?.find((s) => s.start <= start && s.end >= start + words.length);
  };

  it('credits 他说，……“……” after 詹理事长 to 詹国栋, whom the text calls 理事长 (詹国栋是……的理事长)', () => {
    const article = parseArticle(fixture('news-feature-post-stated'));
    expect(article.layout.name).toBe('report');
    expect(quoted(article, '大家信我才入的股')?.speaker).toBe('詹国栋');
    expect(article.speakers.map((s) => s.name)).not.toContain('詹理事长');
    expect(article.doubts).toEqual([]);
  });

  it('never reads 詹理事长 as a new person when the text does not say who holds the post: doubted, not served silently', () => {
    const article = parseArticle(fixture('news-feature-post-stated').replace('詹国栋是云岭村茶叶专业合作社的理事长。', '云岭村茶叶专业合作社成立于虚构年间。'));
    expect(quoted(article, '大家信我才入的股')?.speaker ?? null).not.toBe('詹理事长');
    expect(article.speakers.map((s) => s.name)).not.toContain('詹理事长');
    expect(article.doubts.length).toBeGreaterThan(0);
  });
});

describe('parseArticle on a news feature whose surname is also a word (news-feature-word-surname)', () => {
  const article = parseArticle(fixture('news-feature-word-surname'));
  const said = (words: string) => {
    const p = article.paragraphs.find((q) => q.text.includes(words))!;
    const start = p.text.indexOf(words);
    return p.speeches?.find((s) => s.start <= start && s.end >= start + words.length)?.speaker ?? p.speaker;
  };

  it('reads 副馆长向秋云 as a person the article credits (“……”向秋云说), and 她说 after her as hers', () => {
    expect(said('现在每次来，一车书能借出去一半')).toBe('向秋云');
    expect(said('刚开始村里没人借书')).toBe('向秋云');
    expect(said('我最喜欢看恐龙的书')).toBe('邬小满');
  });

  it('never reads 主任向记者介绍 as a person named 向记者', () => {
    expect(article.speakers.map((s) => s.name)).not.toContain('向记者');
    expect(said('村里去年腾出两间空房')).toBe('祁晓冬');
  });
});

describe('parseArticle on a news feature (no turns)', () => {
  const article = parseArticle(fixture('news-feature'));
  const spanOf = (text: string) => {
    const p = article.paragraphs.find((q) => q.text.includes(text))!;
    const start = p.text.indexOf(text);
    return { p, start, end: start + text.length };
  };

  it('gives a paragraph that is mainly someone’s quotation to them, narration to the byline', async () => {
    expect(article.layout.name).toBe('report');
    expect(article.paragraphs.filter((p) => p.kind === 'report').map((p) => `${p.speaker}/${p.attribution.method}`)).toEqual([
      '鲍文涛/byline',
      '郝春燕/quotation',
      '石国梁/quotation',
      '石国梁/quotation',
      '苗立新/quotation',
      '苗立新/quotation',
      '石国梁/quotation',
      '鲍文涛/byline',
    ]);
    expect(article.doubts).toEqual([]);
    await expect(attributionListing(article)).toMatchFileSnapshot('./snapshots/layouts/news-feature.txt');
  });

  it('lists the people a report quotes as its speakers (role quoted), with the post it gives them', () => {
    expect(article.speakers.map((s) => `${s.name}/${s.role}/${s.title ?? ''}`)).toEqual([
      '编者/editor/',
      '鲍文涛/author/本报记者',
      '郝春燕/quoted/',
      '石国梁/quoted/县教育局副局长',
      '苗立新/quoted/虚构师范大学教育学院教授',
    ]);
  });

  it('credits a quotation introduced after it, one standing after a credited sentence, and one after 提醒', () => {
    const credited = (text: string) => {
      const { p, start, end } = spanOf(text);
      return p.speeches?.find((s) => s.start <= start && end <= s.end)?.speaker ?? null;
    };
    expect(credited('孩子们连水彩笔都没摸过')).toBe('郝春燕');
    expect(credited('也代替不了老师站在孩子身边')).toBe('苗立新');
    expect(credited('设备用坏了没人修')).toBe('苗立新');
    expect(credited('我们要让每一块屏幕都亮着')).toBe('石国梁');
  });

  it('names the quoted person, not the reporter, for words quoted inside the reporter’s narration', () => {
    const { p, start, end } = spanOf('现在孩子们最盼的就是周三下午的美术课');
    expect([p.speaker, p.attribution.method]).toEqual(['鲍文涛', 'byline']);
    expect(p.speeches?.map((s) => s.speaker)).toEqual(['郝春燕']);
    const citation = makeCitation(article, 1, p.id, start, end);
    expect([citation.speaker, citation.role, citation.quoting]).toEqual(['郝春燕', 'quoted', null]);
    const located = new QuoteVerifier(article).verify('现在孩子们最盼的就是周三下午的美术课');
    expect(located.found && [located.speaker, located.role]).toEqual(['郝春燕', 'quoted']);
  });

  it('doubts a host labelled 主持人 who names themselves in words no rule reads as a name', () => {
    const { article } = readArticle(fixture('web-host-this-issue').replace('我是本期主持人伍晴川。', '我是本期特邀主持人晴川姐姐。'));
    const opening = article.paragraphs.find((p) => p.text.includes('晴川姐姐'))!;
    expect([opening.speaker, opening.role]).toEqual(['主持人', 'host']);
    expect(article.doubts.some((d) => d.paragraph === opening.id && d.message.includes('names themselves'))).toBe(true);
  });

  it('never gives 她说 to the last person quoted when a sentence before it opens with someone else the report named', () => {
    const { article: report } = readArticle(
      [
        '虚构新闻',
        '本报记者 鲍文涛',
        '“骗子天天打电话来，比我女儿还勤。”说起那段日子，退休护士祁秀英仍觉得后怕。祁秀英的经历并非个例。',
        '社区网格员葛晓敏每周走访独居老人。“一开始老人挺戒备的。”葛晓敏说，“现在他们有事先打给我。”',
        '祁秀英如今也加入了社区宣讲队。她说，自己愿意把经历讲出来。“丢人不怕，怕的是别人也被骗。”',
      ].join('\n\n'),
    );
    const p = report.paragraphs.find((q) => q.text.startsWith('祁秀英如今'))!;
    expect(p.speaker).not.toBe('葛晓敏');
    expect(p.speeches?.some((s) => s.speaker === '葛晓敏') ?? false).toBe(false);
    expect(report.doubts.some((d) => d.paragraph === p.id)).toBe(true);
  });

  it('never gives words whose speaker the text leaves open to the reporter', () => {
    const open = parseArticle(
      [
        '虚构新闻',
        '本报记者 鲍文涛',
        '街道两旁的梧桐树下，不少居民在乘凉，孩子们在空地上追逐打闹，一派热闹景象。',
        '记者在街上看到，新装的路灯一排排延伸到路的尽头，路边的小店都开着门，不少居民在店门口乘凉聊天。有人感叹，“以前这里黑漆漆的，晚上没人敢走”。',
        '据了解，这条路去年完成改造，全长两公里，沿线新装路灯一百二十盏。',
      ].join('\n\n'),
    );
    const p = open.paragraphs.find((q) => q.text.includes('黑漆漆'))!;
    const start = p.text.indexOf('以前这里黑漆漆的');
    expect([p.speaker, open.doubts.find((d) => d.paragraph === p.id)?.reason]).toEqual(['鲍文涛', 'open-speech']);
    expect(p.openSpeeches?.map((s) => p.text.slice(s.start, s.end))).toEqual(['以前这里黑漆漆的，晚上没人敢走']);
    expect(makeCitation(open, 1, p.id, start, start + 8).role).toBe('unattributed');
  });
});
