import type { ChatResponse } from './api-types.js';
import { QinghaiChatElement, WIDGET_EVENTS, WIDGET_TAG } from './qinghai-chat-element.js';
import { readWidgetOptions, type WidgetOptions } from './widget-options.js';

/**
 * `widget.js`: the one file a host page loads. It reads the options from its own script tag, defines
 * `<qinghai-chat>`, adds one to the page and exposes {@link QinghaiChatApi} as `window.QinghaiChat`.
 *
 * @example <script src="https://HOST/widget.js" data-endpoint="https://HOST" defer></script>
 */

/** `window.QinghaiChat`: the host page's handle on the widget. */
export interface QinghaiChatApi {
  /** Opens the panel. */
  open(): void;
  /** Closes the panel. */
  close(): void;
  /** Opens or closes the panel. */
  toggle(): void;
  /** Asks a question in the panel; resolves with the response, or null when it failed. */
  ask(text: string): Promise<ChatResponse | null>;
  /** Starts a new conversation. */
  reset(): void;
  /** The events, by name (`qinghai-chat:opened`, `…:closed`, `…:answered`, `…:error`). */
  readonly events: typeof WIDGET_EVENTS;
  readonly options: WidgetOptions;
  readonly element: QinghaiChatElement;
}

declare global {
  interface Window {
    QinghaiChat?: QinghaiChatApi;
  }
  interface HTMLElementTagNameMap {
    'qinghai-chat': QinghaiChatElement;
  }
}

function start(): void {
  if (window.QinghaiChat) return; // the script was included twice
  const script =
    (document.currentScript as HTMLScriptElement | null) ??
    document.querySelector<HTMLScriptElement>('script[src*="widget.js"][data-endpoint]') ??
    document.querySelector<HTMLScriptElement>('script[src*="widget.js"]');
  const options = readWidgetOptions(script, window.location.href);
  if (!customElements.get(WIDGET_TAG)) customElements.define(WIDGET_TAG, QinghaiChatElement);
  const element = document.createElement(WIDGET_TAG) as QinghaiChatElement;
  element.configure(options);

  const mounted = new Promise<void>((resolve) => {
    const mount = () => {
      document.body.append(element);
      resolve();
    };
    if (document.body) mount();
    else document.addEventListener('DOMContentLoaded', mount, { once: true });
  });

  window.QinghaiChat = {
    open: () => void mounted.then(() => element.open()),
    close: () => void mounted.then(() => element.close()),
    toggle: () => void mounted.then(() => element.toggle()),
    ask: (text) => mounted.then(() => element.ask(String(text))),
    reset: () => void mounted.then(() => element.reset()),
    events: WIDGET_EVENTS,
    options,
    element,
  };
}

start();
