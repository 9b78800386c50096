import { describe, expect, it } from 'vitest';
import { readTurnLabel } from '../../src/corpus/turn-label.js';

describe('readTurnLabel', () => {
  it('reads a label in any style papers, sites and broadcasters print', () => {
    const read = (text: string) => {
      const l = readTurnLabel(text);
      return l && [l.name, l.roleWord, l.title, l.isRole, text.slice(0, l.end)];
    };
    expect(read('李娜:我认为')).toEqual(['李娜', null, null, false, '李娜:']);
    expect(read('李娜 ：我认为')).toEqual(['李娜', null, null, false, '李娜 ：']);
    expect(read('【李娜】我认为')).toEqual(['李娜', null, null, false, '【李娜】']);
    expect(read('李娜（某大学教授）：我认为')).toEqual(['李娜', null, '某大学教授', false, '李娜（某大学教授）：']);
    expect(read('王立群教授：我认为')).toEqual(['王立群', null, '教授', false, '王立群教授：']);
    expect(read('陈静博士：我认为')).toEqual(['陈静', null, '博士', false, '陈静博士：']);
    expect(read('主持人 王芳 :大家好')).toEqual(['王芳', '主持人', null, false, '主持人 王芳 :']);
    expect(read('主持人（吕佳）：大家好')).toEqual(['吕佳', '主持人', null, false, '主持人（吕佳）：']);
    expect(read('问：为什么？')).toEqual([null, '问', null, false, '问：']);
    expect(read('解說：在車間裡')).toEqual([null, '解说', null, false, '解說：']);
    expect(read('省教育厅厅长：我们')).toEqual([null, null, '省教育厅厅长', true, '省教育厅厅长：']);
  });

  it('reads no label in prose, a heading or a guest-list label', () => {
    for (const text of ['这是一个句子，不是：标签', '1 发展新质生产力,青海何以可为?', '访谈嘉宾：', '嘉宾简介', '2024年3月5日']) expect(readTurnLabel(text), text).toBeNull();
  });
});
