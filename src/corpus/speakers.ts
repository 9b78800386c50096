/** Who may speak in the article, per the HTTP contract (`docs/api.md`, "Speakers"). */

export type SpeakerRole = 'editor' | 'host' | 'expert' | 'author' | 'unattributed';

/** The editor: the note, the headline, the headings, every line no host or expert says. */
export const EDITOR_NAME = '编者';
/**
 * The reserved speaker of a paragraph whose speaker the parser could not decide (role
 * `unattributed`): its words are nobody's, and no answer presents them as a person's.
 */
export const UNATTRIBUTED_NAME = '未判定';
/** A speaker as `GET /api/speakers` lists them. */
export interface Speaker {
  name: string;
  role: SpeakerRole;
  /** The affiliation from the guest list (嘉宾简介); `本报记者` for the host; null for the editor. */
  title: string | null;
  /** Ids of the paragraphs this speaker says. */
  paragraphs: number[];
}
