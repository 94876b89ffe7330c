// The loader against the shared rules: crates/tip/tests/vectors/rules.json,
// the cases the tip crate (PartnerId, ExitUrl, Language) and the widget's
// configuration run too. Runs embed/embed.js as a page would, in a small
// stand-in for the DOM, and reads what it did: the frame's URL and title,
// the pinned exit link, the console warnings. Run with `node --test embed/`
// (scripts/test.sh does, against the source, a fresh terser build of it and
// dist/embed.js when there is one).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const vectors = JSON.parse(readFileSync(join(root, 'crates/tip/tests/vectors/rules.json'), 'utf8'));
const source = join(root, 'embed/embed.js');

// Every form of the loader: its source, the source minified as the build
// minifies it, and the build's own output.
const loaders = [['source', readFileSync(source, 'utf8')]];
const terser = process.env.TERSER;
if (terser && existsSync(terser)) {
  const dir = mkdtempSync(join(tmpdir(), 'lantern-embed-'));
  const out = join(dir, 'embed.js');
  execFileSync(terser, [source, '--compress', '--mangle', '--comments', 'some', '-o', out]);
  loaders.push(['terser build', readFileSync(out, 'utf8')]);
  rmSync(dir, { recursive: true });
}
const built = join(root, process.env.DIST || 'dist', 'embed.js');
if (existsSync(built)) loaders.push(['dist/embed.js', readFileSync(built, 'utf8')]);

const input = (c) => ('input' in c ? c.input : c.input_repeat[0] + c.input_repeat[1].repeat(c.input_repeat[2]));

// A minimal element: attributes, style, children, a shadow root.
const element = (tag) => {
  const attrs = new Map();
  const el = {
    tagName: tag.toUpperCase(),
    children: [],
    styles: {},
    style: { setProperty: (k, v) => { el.styles[k] = v; } },
    setAttribute: (k, v) => attrs.set(k, String(v)),
    getAttribute: (k) => (attrs.has(k) ? attrs.get(k) : null),
    hasAttribute: (k) => attrs.has(k),
    appendChild: (child) => { el.children.push(child); child.parentNode = el; return child; },
    append: (...kids) => kids.forEach((k) => el.appendChild(k)),
    insertBefore: (child) => el.appendChild(child),
    attachShadow: () => (el.shadow = element('#shadow')),
    remove: () => {},
  };
  return el;
};

/** Runs `code` as the script tag with `attributes` on a page whose
 *  browser prefers `languages`; returns what it made. */
const load = (code, attributes, { languages = [], pageLang = '' } = {}) => {
  const body = element('body');
  const head = element('head');
  const script = element('script');
  script.src = 'https://intake.example/embed.js';
  for (const [k, v] of Object.entries(attributes)) script.setAttribute('data-' + k, v);
  body.appendChild(script);
  const document = {
    documentElement: { ...element('html'), lang: pageLang },
    currentScript: script,
    readyState: 'complete',
    body,
    head,
    createElement: element,
    querySelectorAll: () => [],
    addEventListener: () => {},
  };
  const warnings = [];
  const context = vm.createContext({
    document,
    navigator: { languages },
    console: { warn: (...m) => warnings.push(m.join(' ')) },
    addEventListener: () => {},
    location: { replace: () => {} },
    URL,
    URLSearchParams,
    Math,
    isFinite,
    parseInt,
    String,
    Object,
  });
  vm.runInContext(code, context);
  const frame = body.children.find((c) => c.tagName === 'IFRAME');
  const pin = body.children.find((c) => c.tagName === 'LANTERN-EXIT');
  assert.ok(frame, 'the loader made no frame');
  assert.ok(pin, 'the loader pinned no exit');
  const link = pin.shadow.children[0];
  return { query: new URL(frame.src).searchParams, frame, pin, link, warnings };
};

for (const [name, code] of loaders) {
  test(`${name}: every language has the loader's words, and the default exit is ExitUrl::DEFAULT`, () => {
    for (const lang of vectors.languages) {
      const { frame, link, query } = load(code, { lang });
      assert.equal(query.get('lang'), lang);
      assert.equal(link.lang, lang);
      assert.ok(frame.title && link.textContent, `${lang} lacks words`);
    }
    const titles = new Set(vectors.languages.map((lang) => load(code, { lang }).frame.title));
    assert.equal(titles.size, vectors.languages.length, 'two languages share a title');
    const { link, query } = load(code, {});
    assert.equal(link.href, vectors.default_exit_url);
    assert.equal(query.get('exit'), null);
  });

  test(`${name}: the pinned exit sits at the inline end: bottom left in Arabic, bottom right otherwise`, () => {
    for (const lang of vectors.languages) {
      const { pin, link } = load(code, { lang });
      const rtl = lang === 'ar';
      const [end, start] = rtl ? ['left', 'right'] : ['right', 'left'];
      assert.ok(pin.styles[end], `${lang}: the pin has no ${end}`);
      assert.equal(pin.styles[start], undefined, `${lang}: the pin is set from the ${start}`);
      assert.equal(link.dir, rtl ? 'rtl' : 'ltr', `${lang}: dir`);
    }
  });

  test(`${name}: partner ids`, () => {
    for (const c of vectors.partner_id) {
      const text = input(c);
      const { query, warnings } = load(code, { partner: text });
      assert.equal(query.get('partner'), c.valid ? text : null, `partner ${JSON.stringify(text)}`);
      if (!c.valid && text) assert.ok(warnings.some((w) => w.includes('partner')), `no warning for ${text}`);
    }
  });

  test(`${name}: exit URLs`, () => {
    for (const c of vectors.exit_url) {
      const text = input(c);
      const { query, link } = load(code, { exit: text });
      const as = c.valid ? (c.as ?? text) : null;
      assert.equal(query.get('exit'), as, `exit ${JSON.stringify(text)}`);
      assert.equal(link.href, as ?? vectors.default_exit_url, `pinned exit for ${JSON.stringify(text)}`);
    }
  });

  test(`${name}: language tags`, () => {
    for (const c of vectors.language_tag) {
      const text = input(c);
      const { query } = load(code, { lang: text });
      assert.equal(query.get('lang'), c.language, `lang ${JSON.stringify(text)}`);
    }
  });

  test(`${name}: language choice (data-lang, then the browser's languages, then the default)`, () => {
    // The loader has no ?lang= of its own: the cases that ask in the
    // widget's URL are the widget's (src/config.rs runs them).
    const cases = vectors.language_choice.filter((c) => c.asked === null);
    assert.ok(cases.length > 3);
    for (const c of cases) {
      const attributes = c.partner === null ? {} : { lang: c.partner };
      const { frame, link } = load(code, attributes, { languages: c.preferred });
      const expected = load(code, { lang: c.chosen }).frame.title;
      assert.equal(link.lang, c.chosen, JSON.stringify(c));
      assert.equal(frame.title, expected, JSON.stringify(c));
    }
  });
}
