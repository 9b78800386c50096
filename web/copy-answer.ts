import type { ChatResponse } from '../widget/api-types.js';
import { passageUrl } from '../widget/passage-link.js';
import { displayQuoteOf, speakerWithTitle } from '../widget/render-answer.js';
import { pageStrings } from './page-strings.js';

/**
 * An answer as plain text with its sources under it, each with a link to its place on this page:
 *
 * ```
 * 刘畅……认为：“……。”[1]
 *
 * 来源：
 * [1] 刘畅（青海省社会科学院经济研究所助理研究员）：“……。” http://127.0.0.1:3000/#p-19-212-246
 * ```
 */
export function formatAnswerForCopy(response: ChatResponse, pageOrigin: string): string {
  if (response.citations.length === 0) return response.answer;
  // The display form, as the answer above it reads (`，` and nested ‘’ inside Chinese text).
  const sources = response.citations.map((c) => `[${c.n}] ${speakerWithTitle(c)}：“${displayQuoteOf(c)}” ${passageUrl(pageOrigin, c)}`);
  return `${response.answer}\n\n${pageStrings.sourcesHeading}：\n${sources.join('\n')}`;
}

/** Copies text to the clipboard; false when the browser refuses. */
export async function copyText(text: string, doc: Document): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // No Clipboard API (an insecure context, an old browser): the selection fallback.
    const area = doc.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.className = 'offscreen';
    doc.body.append(area);
    area.select();
    try {
      return doc.execCommand('copy');
    } catch {
      return false;
    } finally {
      area.remove();
    }
  }
}
