/** Who may speak in the article, per the HTTP contract (`docs/api.md`, "Speakers"). */

export type SpeakerRole = 'editor' | 'host' | 'expert';

/** The editor: the note, the headline, the headings, every line no host or expert says. */
export const EDITOR_NAME = '编者';
/** How the host is introduced in turns (`主持人:`); the guest list names the host. */
export const HOST_LABEL = '主持人';

/** A speaker as `GET /api/speakers` lists them. */
export interface Speaker {
  name: string;
  role: SpeakerRole;
  /** The affiliation from the guest list (嘉宾简介); `本报记者` for the host; null for the editor. */
  title: string | null;
  /** Ids of the paragraphs this speaker says. */
  paragraphs: number[];
}

/** A person someone quotes inside their own turn (李娜 quoting 习近平总书记's definition, say). */
export const QUOTED_PEOPLE = ['习近平'] as const;

/**
 * Speech verbs that, right before an opening quotation mark, make the marks a quotation of words
 * rather than a term in quotes (`“新质生产力”`, `“四地”`).
 */
export const SPEECH_VERBS = ['指出', '强调', '提出', '表示', '要求', '说', '讲'] as const;
