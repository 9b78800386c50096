import { describe, expect, it } from 'vitest';
import { organisationUnits, parseTitle } from '../../src/corpus/person-profile.js';
import { loadTestIndex } from '../support/test-index.js';

describe('parseTitle', () => {
  it('reads organisation, position and a degree in brackets', () => {
    expect(parseTitle('青海大学研究生院讲师(博士)')).toMatchObject({
      organisation: '青海大学研究生院',
      units: [{ name: '青海大学', kind: 'university' }, { name: '研究生院', kind: 'university' }],
      position: '讲师',
      degree: '博士',
    });
  });

  it('keeps a modifier with the position word (副教授, 助理研究员, 副处长)', () => {
    expect(parseTitle('青海省委党校经济教研部副教授')).toMatchObject({ organisation: '青海省委党校经济教研部', position: '副教授', degree: null });
    expect(parseTitle('青海省社会科学院经济研究所助理研究员')).toMatchObject({ organisation: '青海省社会科学院经济研究所', position: '助理研究员' });
    expect(parseTitle('青海省科学技术厅规划资管处副处长')).toMatchObject({ organisation: '青海省科学技术厅规划资管处', position: '副处长' });
  });

  it('reads titles that are not in the article by the same rules', () => {
    expect(parseTitle('北京大学经济学院教授（硕士）')).toMatchObject({ organisation: '北京大学经济学院', position: '教授', degree: '硕士' });
    expect(parseTitle('某市发展和改革委员会办公室主任')).toMatchObject({
      units: [{ name: '某市发展和改革委员会', kind: 'party' }, { name: '办公室', kind: 'government' }],
      position: '主任',
    });
    expect(parseTitle('本报记者')).toMatchObject({ organisation: '本报', position: '记者' });
  });

  it('does not split a unit at a word inside it (省委党校, 社会科学院)', () => {
    expect(organisationUnits('青海省委党校经济教研部').map((u) => u.name)).toEqual(['青海省委党校', '经济教研部']);
    expect(organisationUnits('青海省社会科学院经济研究所').map((u) => u.name)).toEqual(['青海省社会科学院', '经济研究所']);
    expect(organisationUnits('青海省委全面深化改革委员会办公室三处').map((u) => u.name)).toEqual(['青海省委全面深化改革委员会', '办公室', '三处']);
  });
});

describe('Article.people', () => {
  it('lists the experts and the host with fields and the paragraph that introduces them', async () => {
    const { article } = await loadTestIndex();
    expect(article.people.map((p) => p.name)).toEqual(['王中毅', '马冠奎', '魏晓强', '李娜', '刘畅', '任君', '秦睿']);
    const renJun = article.people.find((p) => p.name === '任君')!;
    expect(renJun).toMatchObject({ role: 'expert', organisation: '青海大学研究生院', position: '讲师', degree: '博士' });
    expect(article.paragraphs[renJun.paragraph]!.text).toBe('任君:青海大学研究生院讲师(博士)');
    const host = article.people.find((p) => p.role === 'host')!;
    expect(host).toMatchObject({ name: '秦睿', title: '本报记者', position: '记者' });
    expect(article.paragraphs[host.paragraph]!.kind).toBe('host-entry');
  });

  it('lists the editor\'s note paragraphs', async () => {
    const { article } = await loadTestIndex();
    expect(article.editorsNote.length).toBeGreaterThan(0);
    for (const id of article.editorsNote) expect(article.paragraphs[id]).toMatchObject({ kind: 'editors-note', speaker: '编者' });
  });
});
