// The follow-up worker (issue 16), a dedicated module Web Worker that the
// widget starts only when a person opens "Check for a reply" (never on the
// first visit). It holds the code's keys, runs Argon2id off the page's main
// thread, talks to the intake itself (same origin), and posts back only what
// a person reads. Nothing is stored: the keys live in this worker's memory
// until the page ends it ("forget", quick exit, leaving).
//
// Messages in: {id, op, ...}. Out: {id, ok: true, value} or {id, ok: false, error}.
//   op "new-code"                      -> a new code, as shown
//   op "code-problem" {code}           -> null, or "too_short" | "too_long" | "not_digits"
//   op "open" {code}                   -> derives the keys (the slow part)
//   op "register" {idempotencyKey}     -> opens the conversation for the tip just sent
//   op "check"                         -> {opened: false} or {opened: true, messages: [...]}
//   op "answer" {kind, text}           -> stores an answer or a detail (once: under one
//                                         Idempotency-Key, sent again if the network fails)
//   op "forget"                        -> drops the keys
import init, { Session, newCode, codeProblem } from './lantern_followup_worker.js';

const ready = init({ module_or_path: './lantern_followup_worker_bg.wasm' });
let session = null;

async function api(path, body, headers = {}) {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    cache: 'no-store',
    credentials: 'omit',
    referrerPolicy: 'no-referrer',
  });
  let json = null;
  try { json = await response.json(); } catch (_) { /* an empty or non-JSON answer */ }
  return { status: response.status, json };
}

// A new Idempotency-Key: 16 random bytes as 32 lowercase hex digits.
function newKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function needSession() {
  if (!session) throw new Error('no_code');
  return session;
}

const ops = {
  'new-code': () => newCode(),
  'code-problem': ({ code }) => codeProblem(code) ?? null,
  open: ({ code }) => {
    if (session) session.free();
    session = null;
    session = new Session(code);
    return true;
  },
  register: async ({ idempotencyKey }) => {
    const s = needSession();
    const { status, json } = await api('/v1/followups',
      { lookup_token: s.lookupToken(), recipient: s.recipient() },
      { 'idempotency-key': idempotencyKey });
    return { status, json };
  },
  check: async () => {
    const s = needSession();
    const { status, json } = await api('/v1/followups/messages', { lookup_token: s.lookupToken() });
    if (status !== 200) return { status, json };
    try {
      JSON.parse(s.open(json.opened));
    } catch (_) {
      return { status, opened: false };
    }
    const messages = json.messages.map((m) => JSON.parse(s.open(m.sealed)))
      .sort((a, b) => (a.written_at < b.written_at ? -1 : 1));
    return { status, opened: true, messages };
  },
  answer: async ({ kind, text }) => {
    const s = needSession();
    // One key for this answer: if the network drops the request or its 201,
    // sending again under the same key cannot store it twice (docs/api.md).
    const key = newKey();
    const body = { lookup_token: s.lookupToken(), kind, text };
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await api('/v1/followups/answers', body, { 'idempotency-key': key });
      } catch (error) {
        if (attempt >= 3) throw error;
        await new Promise((resolve) => setTimeout(resolve, 1000 * attempt));
      }
    }
  },
  forget: () => {
    if (session) session.free();
    session = null;
    return true;
  },
};

self.onmessage = async (event) => {
  const { id, op, ...args } = event.data || {};
  try {
    await ready;
    const run = ops[op];
    if (!run) throw new Error('unknown_op');
    const value = await run(args);
    self.postMessage({ id, ok: true, value });
  } catch (error) {
    self.postMessage({ id, ok: false, error: String(error && error.message || error) });
  }
};
