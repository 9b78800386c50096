import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../config.js';

/** The prompts in `prompts/`, read once at start-up. */
export interface Prompts {
  answerSystem: string;
  answerUser: string;
  rewriteFollowUp: string;
}

export async function loadPrompts(dir = join(PROJECT_ROOT, 'prompts')): Promise<Prompts> {
  const read = (name: string) => readFile(join(dir, name), 'utf8');
  const [answerSystem, answerUser, rewriteFollowUp] = await Promise.all([
    read('answer-system.md'),
    read('answer-user.md'),
    read('rewrite-follow-up.md'),
  ]);
  return { answerSystem, answerUser, rewriteFollowUp };
}

/** Fills `{{name}}` placeholders; an unknown placeholder is left as it is. */
export function fillPrompt(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/gu, (whole, name: string) => values[name] ?? whole);
}
