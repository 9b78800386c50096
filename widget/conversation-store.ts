import type { ChatResponse, Citation } from './api-types.js';

/** A turn as the widget shows it again after a reload: the text, and for answers their citations. */
export interface StoredTurn {
  role: 'user' | 'assistant';
  content: string;
  citations?: Citation[];
  mode?: ChatResponse['mode'];
  fallback?: boolean;
  /** The answer's flagged quotations (`warnings`); checked item by item before use. */
  warnings?: ChatResponse['warnings'];
  /** The answer's `context`, sent back with the next question (the server checks it). */
  context?: ChatResponse['context'];
}

/** What the widget keeps for one endpoint in `sessionStorage`. */
export interface StoredConversation {
  turns: StoredTurn[];
  open: boolean;
}

const MAX_STORED_TURNS = 40;

/**
 * The conversation of one endpoint, kept in `sessionStorage` (per tab, per host page origin) under
 * `qinghai-chat:ENDPOINT`, so a reload or the next page of the same site goes on where it was.
 * Storage that is missing, full or forbidden (a sandboxed frame) only means nothing is kept.
 */
export class ConversationStore {
  private readonly key: string;

  constructor(endpoint: string) {
    this.key = `qinghai-chat:${endpoint}`;
  }

  load(): StoredConversation {
    try {
      const raw = window.sessionStorage.getItem(this.key);
      if (!raw) return { turns: [], open: false };
      const parsed = JSON.parse(raw) as Partial<StoredConversation>;
      // Item by item: one damaged turn or citation (another script's write, an older widget's format)
      // is left out, and the rest of the conversation is still drawn.
      const turns = Array.isArray(parsed.turns) ? parsed.turns.map(readStoredTurn).filter((t) => t !== null) : [];
      return { turns, open: parsed.open === true };
    } catch {
      return { turns: [], open: false };
    }
  }

  save(conversation: StoredConversation): void {
    try {
      const turns = conversation.turns.slice(-MAX_STORED_TURNS);
      window.sessionStorage.setItem(this.key, JSON.stringify({ turns, open: conversation.open }));
    } catch {
      // Storage full or forbidden: the conversation lives on in the page until it is left.
    }
  }

  clear(): void {
    try {
      window.sessionStorage.removeItem(this.key);
    } catch {
      // as above
    }
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isCount = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0;
const isTextOrNull = (value: unknown) => value === null || typeof value === 'string';

/** A stored citation with every field the chip and the passage link read, of the right type. */
function isStoredCitation(value: unknown): value is Citation {
  return (
    isObject(value) &&
    isCount(value.n) &&
    typeof value.speaker === 'string' &&
    typeof value.role === 'string' &&
    isTextOrNull(value.title) &&
    typeof value.section === 'string' &&
    typeof value.quote === 'string' &&
    isCount(value.paragraph) &&
    isCount(value.start) &&
    isCount(value.end) &&
    isTextOrNull(value.quoting)
  );
}

/** A stored context with the fields the server requires, of the right kinds. */
function isStoredContext(value: unknown): value is NonNullable<StoredTurn['context']> {
  return (
    isObject(value) &&
    typeof value.kind === 'string' &&
    typeof value.topic === 'string' &&
    Array.isArray(value.people) &&
    Array.isArray(value.items) &&
    Array.isArray(value.cited)
  );
}

/** A stored turn as it can be drawn again, keeping only well-formed citations; null when unusable. */
export function readStoredTurn(value: unknown): StoredTurn | null {
  if (!isObject(value) || (value.role !== 'user' && value.role !== 'assistant') || typeof value.content !== 'string') return null;
  const turn: StoredTurn = { role: value.role, content: value.content };
  if (value.role === 'assistant') {
    if (Array.isArray(value.citations)) turn.citations = value.citations.filter(isStoredCitation);
    if (value.mode === 'extractive' || value.mode === 'llm') turn.mode = value.mode;
    if (value.fallback === true) turn.fallback = true;
    // Only its outline is checked here: the server validates every field and ignores what does not hold.
    if (isStoredContext(value.context)) turn.context = value.context;
  }
  return turn;
}
