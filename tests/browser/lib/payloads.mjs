// The hostile payloads. Each kind is a function of a number N that is unique
// to one injection, so a payload that ran leaves a marker naming exactly the
// field it came from: `window.__xss_N`, a dialog `alert(N)`, the title
// `PWNED-N`, or a request to `xss?N` (the page must request nothing of the
// kind). The same N also lets the report find where the text was shown.
//
// `md: true` marks the kinds that only mean something to a Markdown renderer
// (in a TOML field they are plain text, which must be shown as such).

const W = (n) => `window.__xss_${n}=1`;

export const KINDS = [
  // Classic script elements, in several spellings.
  { id: 'script', p: (n) => `<script>${W(n)}</script>` },
  { id: 'script-upper', p: (n) => `<SCRIPT>alert(${n})</SCRIPT>` },
  { id: 'script-src', p: (n) => `<script src="/xss?${n}"></script>` },
  { id: 'script-nested', p: (n) => `<scr<script>ipt>${W(n)}</scr</script>ipt>` },
  { id: 'script-title', p: (n) => `<script>document.title='PWNED-${n}'</script>` },
  { id: 'script-fetch', p: (n) => `<script>fetch('/xss?${n}')</script>` },
  // Images, SVG and media with event handlers.
  { id: 'img-onerror', p: (n) => `<img src=x onerror=${W(n)}>` },
  { id: 'img-onerror-quoted', p: (n) => `<img src="x" onerror="alert(${n})">` },
  { id: 'img-mixed-case', p: (n) => `<IMG SRC=x OnErRoR=${W(n)}>` },
  { id: 'img-entity-handler', p: (n) => `<img src=x onerror=&#119;indow.__xss_${n}=1>` },
  { id: 'img-fetch', p: (n) => `<img src=x onerror=fetch('/xss?${n}')>` },
  { id: 'img-title', p: (n) => `<img src=x onerror="document.title='PWNED-${n}'">` },
  { id: 'img-slash', p: (n) => `<img/src=x/onerror=${W(n)}>` },
  { id: 'svg-onload', p: (n) => `<svg onload=${W(n)}>` },
  { id: 'svg-script', p: (n) => `<svg><script>${W(n)}</script></svg>` },
  { id: 'svg-animate', p: (n) => `<svg><animate onbegin=${W(n)} attributeName=x dur=1s>` },
  { id: 'svg-xlink', p: (n) => `<svg><a xlink:href="javascript:${W(n)}"><text x=20 y=20>x</text></a></svg>` },
  { id: 'body-onload', p: (n) => `<body onload=${W(n)}>` },
  { id: 'input-autofocus', p: (n) => `<input autofocus onfocus=${W(n)}>` },
  { id: 'details-ontoggle', p: (n) => `<details open ontoggle=${W(n)}>` },
  { id: 'video-source', p: (n) => `<video><source onerror=${W(n)}></video>` },
  { id: 'audio-onerror', p: (n) => `<audio src=x onerror=${W(n)}>` },
  { id: 'marquee', p: (n) => `<marquee onstart=${W(n)}>x</marquee>` },
  { id: 'custom-pointer', p: (n) => `<x-a onpointerover=${W(n)} style=display:block;position:fixed;inset:0>x</x-a>` },
  // Frames, objects, navigation and document-level elements.
  { id: 'iframe-srcdoc', p: (n) => `<iframe srcdoc="<script>parent.__xss_${n}=1</script>"></iframe>` },
  { id: 'iframe-js', p: (n) => `<iframe src="javascript:parent.__xss_${n}=1"></iframe>` },
  { id: 'iframe-data', p: (n) => `<iframe src="data:text/html,<script>alert(${n})</script>"></iframe>` },
  { id: 'object-js', p: (n) => `<object data="javascript:${W(n)}"></object>` },
  { id: 'embed-js', p: (n) => `<embed src="javascript:${W(n)}">` },
  { id: 'meta-refresh', p: (n) => `<meta http-equiv="refresh" content="0;url=/xss?${n}">` },
  { id: 'base-href', p: (n) => `<base href="//127.0.0.1:9/xss?${n}/">` },
  { id: 'form-action', p: (n) => `<form action="javascript:${W(n)}"><button autofocus>xss ${n}</button></form>` },
  { id: 'link-stylesheet', p: (n) => `<link rel=stylesheet href="/xss?${n}.css">` },
  // Links with dangerous schemes.
  { id: 'a-javascript', p: (n) => `<a href="javascript:${W(n)}">bấm</a>` },
  { id: 'a-javascript-tab', p: (n) => `<a href="jav&#x09;ascript:${W(n)}">bấm</a>` },
  { id: 'a-javascript-space', p: (n) => `<a href=" JaVaScRiPt:${W(n)}">bấm</a>` },
  { id: 'a-data-html', p: (n) => `<a href="data:text/html,<script>alert(${n})</script>">bấm</a>` },
  { id: 'a-data-base64', p: (n) => `<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==" title="alert(${n})">bấm</a>` },
  // Breaking out of the context the text is written into.
  { id: 'close-title', p: (n) => `</title><script>${W(n)}</script>` },
  { id: 'close-textarea', p: (n) => `</textarea><script>${W(n)}</script>` },
  { id: 'close-style', p: (n) => `</style><script>${W(n)}</script>` },
  { id: 'attr-double', p: (n) => `"><script>${W(n)}</script>` },
  { id: 'attr-single', p: (n) => `'><img src=x onerror=${W(n)}>` },
  { id: 'attr-both', p: (n) => `"'><svg onload=${W(n)}>` },
  { id: 'attr-handler-double', p: (n) => `" onmouseover="${W(n)}" x="` },
  { id: 'attr-handler-single', p: (n) => `' onfocus='${W(n)}' autofocus x='` },
  { id: 'attr-unquoted', p: (n) => ` onmouseover=${W(n)} ` },
  { id: 'comment-breakout', p: (n) => `--><img src=x onerror=${W(n)}><!--` },
  { id: 'cdata', p: (n) => `<![CDATA[<script>${W(n)}</script>]]>` },
  // Styles.
  { id: 'style-expression', p: (n) => `<div style="width:expression(${W(n)})">x</div>` },
  { id: 'style-import', p: (n) => `<style>@import '/xss?${n}.css';</style>` },
  { id: 'style-url', p: (n) => `<div style="background:url('/xss?${n}')">x</div>` },
  // Mutation XSS shapes.
  { id: 'mxss-math', p: (n) => `<math><mtext><table><mglyph><style><img src=x onerror=${W(n)}>` },
  { id: 'mxss-noscript', p: (n) => `<noscript><p title="</noscript><img src=x onerror=${W(n)}>">` },
  { id: 'mxss-comment', p: (n) => `<!--<img src="--><img src=x onerror=${W(n)}//">` },
  // Entity-encoded and Unicode variants (must show as text, not decode twice).
  { id: 'entity-lt', p: (n) => `&lt;script&gt;${W(n)}&lt;/script&gt;` },
  { id: 'entity-numeric', p: (n) => `&#60;img src=x onerror=${W(n)}&#62;` },
  { id: 'entity-hex-js', p: (n) => `<a href="&#x6A;avascript:${W(n)}">bấm</a>` },
  { id: 'js-escaped', p: (n) => `\\u003cscript\\u003e${W(n)}\\u003c/script\\u003e` },
  { id: 'fullwidth', p: (n) => `＜script＞${W(n)}＜/script＞` },
  { id: 'zero-width', p: (n) => `<scr\u200bipt>${W(n)}</scr\u200bipt><img src=x on\u200berror=${W(n)}>` },
  { id: 'bidi-override', p: (n) => `\u202e<script>${W(n)}</script>\u202c` },
  { id: 'combining', p: (n) => `≮script>${W(n)}</script>` },
  { id: 'utf7', p: (n) => `+ADw-script+AD4-${W(n)}+ADw-/script+AD4-` },
  // Template syntax: data must never be rendered as a template.
  { id: 'tera-safe', p: (n) => `{{ "<script>${W(n)}</script>" | safe }}` },
  { id: 'tera-raw', p: (n) => `{% raw %}<script>${W(n)}</script>{% endraw %}` },
  { id: 'tera-set', p: (n) => `{% set x = "<img src=x onerror=${W(n)}>" %}{{ x | safe }}` },
  { id: 'tera-context', p: (n) => `{{ __tera_context }} xss ${n}` },
  { id: 'angular', p: (n) => `{{constructor.constructor('${W(n)}')()}}` },
  { id: 'js-template', p: (n) => `\${${W(n)}}` },
  // Markdown: links, images, autolinks, reference links and HTML blocks.
  { id: 'md-link-js', md: true, p: (n) => `[bấm](javascript:${W(n)})` },
  { id: 'md-link-js-case', md: true, p: (n) => `[bấm](JaVaScRiPt:${W(n)})` },
  { id: 'md-link-data', md: true, p: (n) => `[bấm](data:text/html,<script>alert(${n})</script>)` },
  { id: 'md-link-title', md: true, p: (n) => `[bấm](https://example.invalid/ "a\\" onmouseover=\\"${W(n)}")` },
  { id: 'md-image-js', md: true, p: (n) => `![ảnh](javascript:${W(n)})` },
  { id: 'md-image-attr', md: true, p: (n) => `![ảnh](x" onerror="${W(n)})` },
  { id: 'md-autolink-js', md: true, p: (n) => `<javascript:${W(n)}>` },
  { id: 'md-reference-js', md: true, p: (n) => `[bấm][r${n}]\n\n[r${n}]: javascript:${W(n)}` },
  { id: 'md-html-block', md: true, p: (n) => `<div onclick="${W(n)}">\n\n*nhấn* xss ${n}\n\n</div>` },
  { id: 'md-html-inline', md: true, p: (n) => `chữ <span onmouseover="${W(n)}">xss ${n}</span> chữ` },
];

// The values an evidence `url` may take while the file stays valid (an
// http(s) link that still carries a payload), and the ones validation must
// reject (E052/E053): they go to the one file that is meant to be invalid.
export const URL_VALID = [
  (n) => `https://vanban.example/a?q="><script>${W(n)}</script>`,
  (n) => `https://vanban.example/"onmouseover="${W(n)}"`,
  (n) => `https://vanban.example/x'><img src=x onerror=${W(n)}>`,
  (n) => `https://vanban.example/#"><svg onload=alert(${n})>`,
];
export const URL_INVALID = [
  (n) => `javascript:${W(n)}`,
  (n) => `JaVaScRiPt:alert(${n})`,
  (n) => `data:text/html,<script>${W(n)}</script>`,
  (n) => `data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==#xss?${n}`,
  (n) => `vbscript:msgbox(${n})`,
  (n) => ` javascript:${W(n)}`,
  (n) => `java\tscript:${W(n)}`,
  (n) => `//127.0.0.1:9/xss?${n}`,
];

// The patterns by which a marker number is found again in page text.
export const MARKER_RE = /__xss_(\d+)|PWNED-(\d+)|alert\((\d+)\)|xss\?(\d+)|xss (\d+)/g;

export function markersIn(text) {
  const found = new Set();
  for (const m of text.matchAll(MARKER_RE)) {
    found.add(Number(m.slice(1).find((x) => x !== undefined)));
  }
  return found;
}
