import type request from 'supertest';
import { expect } from 'vitest';

/** A response in the contract's error shape (`{"error":{"code","message"}}`), with no stack trace in it. */
export function expectError(res: request.Response, status: number, code: string): void {
  expect(res.status).toBe(status);
  expect(res.body).toEqual({ error: { code, message: expect.any(String) } });
  expect(JSON.stringify(res.body)).not.toMatch(/at .*\.(ts|js):\d+/);
}
