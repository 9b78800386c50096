import { pino, type DestinationStream, type Logger } from 'pino';

export interface CreateLoggerOptions {
  level: string;
  /** Strings that must never be written (API keys): replaced by `[redacted]` in every log line. */
  secrets?: Array<string | undefined>;
}

/**
 * The JSON logger (pino). Request headers that carry credentials are redacted, and any configured
 * secret is scrubbed from the final line, wherever it turns up (an upstream error message, a stack).
 */
export function createLogger(options: CreateLoggerOptions, destination?: DestinationStream): Logger {
  const secrets = (options.secrets ?? []).filter((s): s is string => typeof s === 'string' && s.length >= 6 && s !== 'not-needed');
  return pino(
    {
      level: options.level,
      base: { pid: process.pid },
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization', '*.apiKey', 'apiKey'], censor: '[redacted]' },
      hooks: {
        streamWrite: (line) => secrets.reduce((out, secret) => out.split(secret).join('[redacted]'), line),
      },
    },
    destination,
  );
}
