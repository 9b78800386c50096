/**
 * A synthetic library built from the real interview: article `i` is the real text with its own
 * headline and six expert names of its own, so every article is a distinct text and the names
 * differ from one article to the next. Used by `bench:library` and `bench:check-library`.
 */

const SURNAMES = ['赵', '钱', '孙', '周', '吴', '郑', '冯', '陈', '褚', '卫', '蒋', '沈', '韩', '杨', '朱', '秦', '尤', '许', '何', '吕'];
const GIVEN = ['明远', '晓燕', '志强', '海峰', '丽华', '建国', '春梅', '文博', '思远', '雅琴', '立新', '国栋', '嘉怡', '子涵', '宏伟', '静怡'];
const EXPERTS = ['王中毅', '马冠奎', '魏晓强', '李娜', '刘畅', '任君'];
const HEADLINE = '因地制宜发展新质生产力,青海怎么做?';

/** The six expert names of article `i` (names repeat every 320 of them: every 53 articles or so). */
export function syntheticExperts(i: number): string[] {
  return EXPERTS.map((_name, k) => {
    const n = i * EXPERTS.length + k;
    return `${SURNAMES[n % SURNAMES.length]}${GIVEN[Math.floor(n / SURNAMES.length) % GIVEN.length]}`;
  });
}

/** Article `i`: the real text with its own headline and six expert names of its own. */
export function syntheticArticle(raw: string, i: number): string {
  let text = raw.replace(HEADLINE, `因地制宜发展新质生产力(合成第${i}期),青海怎么做?`);
  const names = syntheticExperts(i);
  EXPERTS.forEach((name, k) => {
    text = text.replaceAll(name, names[k]!);
  });
  return text;
}
