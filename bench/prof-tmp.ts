import { coldQuestions } from './support/production-chat.js';
const qs = (await coldQuestions(process.cwd())).slice(0, Number(process.argv[2] ?? 3000));
let i = 0; const t0 = Date.now();
async function worker() {
  while (i < qs.length) {
    const q = qs[i++]!;
    const r = await fetch('http://127.0.0.1:3991/api/chat', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ messages: [{ role: 'user', content: q }] }) });
    await r.text();
  }
}
await Promise.all(Array.from({ length: Number(process.argv[3] ?? 4) }, () => worker()));
console.log(qs.length, 'in', Date.now() - t0, 'ms');
