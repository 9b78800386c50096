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
      const turns = Array.isArray(parsed.turns) ? parsed.turns.filter(isStoredTurn) : [];
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

function isStoredTurn(value: unknown): value is StoredTurn {
  const turn = value as Partial<StoredTurn> | null;
  return (
    typeof turn === 'object' &&
    turn !== null &&
    (turn.role === 'user' || turn.role === 'assistant') &&
    typeof turn.content === 'string' &&
    (turn.citations === undefined || Array.isArray(turn.citations))
  );
}
