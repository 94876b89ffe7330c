/*! Lantern embed loader. docs/embedding.md */
// The partners' one-line loader: the readable source. The build
// (scripts/build-widget.sh, and Trunk's post-build hook) minifies it with
// terser into embed.js beside the widget. Its rules (partner id, exit URL,
// language) are the tip crate's (crates/tip: PartnerId, ExitUrl,
// Language::choose), held to the same cases by
// crates/tip/tests/vectors/rules.json, which embed/embed.test.mjs runs
// against this file and against the minified one.
(() => {
  const doc = document;
  const html = doc.documentElement;
  // null once the script has run, so read it now.
  const me = doc.currentScript;
  if (!me || !me.src) return;
  const origin = new URL(me.src).origin;

  // Where the loader's own exit goes without data-exit: ExitUrl::DEFAULT.
  const DEFAULT_EXIT = 'https://www.bbc.com/weather';
  // Each language's words for the frame's title and the pinned exit link
  // (src/locales/*/page.rs and site.rs; src/i18n/page.rs checks them).
  // The first is the default.
  const WORDS = {
    en: ['Help resources', 'Leave this site'],
    es: ['Recursos de ayuda', 'Salir de este sitio'],
    'zh-Hans': ['帮助资源', '离开这个网站'],
    vi: ['Thông tin trợ giúp', 'Rời trang này'],
    ko: ['도움 정보', '이 사이트에서 나가기'],
    tl: ['Mga mapagkukunan ng tulong', 'Umalis sa site na ito'],
    ar: ['مصادر المساعدة', 'مغادرة هذا الموقع'],
  };
  // Written right to left (Language::dir).
  const RTL = ['ar'];
  const frames = []; // [iframe, exit URL] for each widget on the page

  const warn = (message) => console.warn('Lantern embed: ' + message);
  // !important beats the host page's own !important rules.
  const style = (el, key, value) => el.style.setProperty(key, value, 'important');
  const styles = (el, text) => {
    for (const rule of text.split(';')) style(el, ...rule.split(':'));
  };
  // The frame's height: coarse steps, within bounds.
  const size = (frame, height) =>
    style(frame, 'height', Math.min(4e3, Math.max(200, Math.ceil(height / 32) * 32)) + 'px');

  // The language a tag names by its primary subtag, compared with the
  // primary subtag of each language's own tag (Language::from_tag): every
  // zh tag is zh-Hans, and fil (Filipino) is tl.
  const language = (tag) => {
    let primary = String(tag).trim().split(/[-_]/)[0].toLowerCase();
    if (primary === 'fil') primary = 'tl';
    return Object.keys(WORDS).find((l) => primary && l.split('-')[0].toLowerCase() === primary) || '';
  };
  // A partner id (PartnerId): 1 to 64 of a-z, 0-9 and -, not starting or
  // ending with -.
  const partnerId = (text) => /^[a-z\d](?:[a-z\d-]{0,62}[a-z\d])?$/.test(text);
  // An exit URL (ExitUrl): http(s), a host without a user name, at most
  // 2048 characters of printable ASCII without " ' < > ` \. Trimmed.
  const exitUrl = (text) => {
    text = String(text).trim();
    return text.length <= 2048 &&
      /^https?:\/\/[^/?#@]+(?:[/?#]|$)/.test(text) &&
      /^[!-~]*$/.test(text) &&
      !/["'<>`\\]/.test(text)
      ? text
      : '';
  };

  // The relative luminance of #rrggbb (WCAG).
  const luminance = (hex) =>
    [1, 3, 5].reduce((sum, at, i) => {
      const c = parseInt(hex.substr(at, 2), 16) / 255;
      return sum + [0.2126, 0.7152, 0.0722][i] *
        (c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4));
    }, 0);

  let gone = ''; // where the exit went, for the back button
  let pin; // the loader's own exit link

  // The frame is as tall as its content, so the widget's exit bar scrolls
  // away with this page. So the loader pins an exit of its own to the
  // bottom right of the screen, in reach of a thumb, while Lantern is on the
  // page. In a shadow root, so no style rule of the page reaches it.
  const pinExit = (lang, exit) => {
    const host = doc.createElement('lantern-exit');
    const link = doc.createElement('a');
    pin = host;
    style(host, 'all', 'initial');
    // At the inline end: the bottom left in a right-to-left language.
    const side = RTL.includes(lang) ? 'left' : 'right';
    styles(host, 'position:fixed;' + side + ':max(12px,env(safe-area-inset-' + side + '));bottom:max(12px,env(safe-area-inset-bottom));z-index:2147483647;display:block');
    styles(link, 'display:flex;align-items:center;min-height:48px;padding:0 18px;border:2px solid #fff;border-radius:24px;background:#a4161a;color:#fff;font:700 16px/1.25 system-ui,sans-serif;text-decoration:none;cursor:pointer;box-shadow:0 2px 8px rgba(0,0,0,.45);outline:none');
    link.href = exit;
    link.lang = lang;
    link.dir = RTL.includes(lang) ? 'rtl' : 'ltr';
    link.textContent = WORDS[lang][1];
    link.onclick = (e) => {
      e.preventDefault();
      leave(exit);
    };
    link.onfocus = () => style(link, 'outline', '3px solid #1a1a1a');
    link.onblur = () => style(link, 'outline', 'none');
    host.attachShadow({ mode: 'open' }).append(link);
    doc.body.appendChild(host);
  };

  // One widget for the placeholder `el` (or the script itself), put in the
  // page by `put`.
  const mount = (el, put) => {
    // The placeholder's setting, else the script's.
    const get = (key) => {
      key = 'data-' + key;
      return el.hasAttribute(key) ? el.getAttribute(key) : me.getAttribute(key);
    };
    const query = new URLSearchParams();
    const frame = doc.createElement('iframe');
    const ignored = (key, value) => warn(key + '="' + value + '" ignored');
    let value;
    let exit = DEFAULT_EXIT;

    // Language::choose: the partner's data-lang (else, when it sets none,
    // the partner page's own lang), passed on as ?lang=; else the
    // browser's languages, which the widget reads itself; else the default.
    value = get('lang');
    let lang = language(value || html.lang);
    if (value && !lang) ignored('lang', value);
    if (lang) query.set('lang', lang);
    else {
      for (const tag of navigator.languages || []) if ((lang = language(tag))) break;
      lang = lang || Object.keys(WORDS)[0];
    }

    if ((value = get('sections'))) {
      const sections = value.toLowerCase().split(/[\s,]+/)
        .filter((n) => /^(help|signs|me|report)$/.test(n) || (n && ignored('section', n)));
      if (sections.length) query.set('sections', sections + '');
    }
    if ((value = get('accent'))) {
      let hex = value.trim().replace(/^#?(.)(.)(.)$/, '$1$1$2$2$3$3').replace('#', '').toLowerCase();
      if (!/^[\da-f]{6}$/.test(hex)) ignored('accent', value);
      else if (1.05 / (luminance((hex = '#' + hex)) + 0.05) < 4.5)
        warn('accent ' + hex + ' refused: under 4.5:1 contrast with white text');
      else query.set('accent', hex);
    }
    if ((value = get('partner'))) {
      if (partnerId(value)) query.set('partner', value);
      else ignored('partner', value);
    }
    if ((value = get('exit'))) {
      if ((exit = exitUrl(value))) query.set('exit', exit);
      else {
        exit = DEFAULT_EXIT;
        ignored('exit', value);
      }
    }
    value = get('compact');
    if (value != null && /^(|1|true|yes)$/i.test(value)) query.set('compact', 1);

    frame.title = WORDS[lang][0];
    for (const [k, v] of [
      ['referrerpolicy', 'no-referrer'],
      ['allow', ''],
      ['loading', 'eager'],
      ['sandbox', 'scripts forms same-origin popups popups-to-escape-sandbox top-navigation-by-user-activation'
        .replace(/\S+/g, 'allow-$&')],
    ]) frame.setAttribute(k, v);
    styles(frame, 'display:block;width:100%;max-width:100%;border:0;margin:0;padding:0;visibility:visible;opacity:1');
    size(frame, query.has('compact') ? 448 : 736);
    frame.src = origin + '/?' + query;
    frames.push([frame, exit]);
    put(frame);
    pin || pinExit(lang, exit);
  };

  // The quick exit: hide everything at once, then replace this page in
  // history with the exit page.
  const leave = (url) => {
    gone = url;
    style(html, 'display', 'none');
    for (const [frame] of frames) frame.remove();
    location.replace(url);
  };

  addEventListener('message', (e) => {
    const data = e.data;
    if (e.origin == origin && e.source && data && typeof data == 'object') {
      for (const [frame, exit] of frames) {
        if (e.source === frame.contentWindow) {
          if (data.type == 'lantern:height' && typeof data.height == 'number' && isFinite(data.height))
            size(frame, data.height);
          else if (data.type == 'lantern:exit') leave(exit);
          return;
        }
      }
    }
  });
  // Back to this page from the exit (the back-forward cache): leave again.
  addEventListener('pageshow', (e) => {
    if (gone && e.persisted) leave(gone);
  });

  const run = () => {
    const spots = doc.querySelectorAll('[data-lantern]');
    const READY = 'data-lantern-ready';
    for (const el of spots) {
      if (!el.hasAttribute(READY)) {
        el.setAttribute(READY, '');
        mount(el, (frame) => el.appendChild(frame));
      }
    }
    if (!spots.length) {
      mount(me, (frame) => {
        const parent = me.parentNode;
        parent && parent != doc.head
          ? parent.insertBefore(frame, me.nextSibling)
          : doc.body.appendChild(frame);
      });
    }
  };
  doc.readyState == 'loading' ? doc.addEventListener('DOMContentLoaded', run) : run();
})();
