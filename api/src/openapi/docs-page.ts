/**
 * The interactive API reference served at /docs: one self-contained HTML page (inline CSS and JS, no CDN, no
 * fonts, nothing fetched except this server's own /openapi.json). It lists every operation by tag, shows
 * parameters, request and response schemas (with $ref resolved), and has a "try it" form that sends the request
 * with an optional API key kept in localStorage.
 */

/** Returns the HTML of the reference page; `specUrl` is fetched same-origin. */
export function docsPage(specUrl = '/openapi.json'): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>flopcast API reference</title>
<link rel="icon" href="data:,">
<style>
:root { color-scheme: light dark; --bg:#fff; --fg:#1b1f24; --muted:#57606a; --line:#d0d7de; --card:#f6f8fa; --accent:#0969da; }
@media (prefers-color-scheme: dark) { :root { --bg:#0d1117; --fg:#e6edf3; --muted:#8d96a0; --line:#30363d; --card:#161b22; --accent:#4493f8; } }
* { box-sizing: border-box; }
body { margin:0; font:14px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; background:var(--bg); color:var(--fg); }
header { padding:16px 24px; border-bottom:1px solid var(--line); display:flex; gap:16px; align-items:center; flex-wrap:wrap; }
header h1 { font-size:18px; margin:0; }
header label { margin-left:auto; color:var(--muted); }
header input { width:340px; max-width:60vw; font:inherit; padding:4px 8px; border:1px solid var(--line); border-radius:6px; background:var(--card); color:var(--fg); }
main { display:grid; grid-template-columns: 240px minmax(0, 1fr); min-height: calc(100vh - 60px); }
main > div { min-width: 0; }
nav { border-right:1px solid var(--line); padding:12px; position:sticky; top:0; align-self:start; max-height:100vh; overflow:auto; }
nav a { display:block; color:var(--fg); text-decoration:none; padding:2px 4px; border-radius:4px; font-size:13px; }
nav a:hover { background:var(--card); }
nav h3 { font-size:12px; text-transform:uppercase; color:var(--muted); margin:12px 0 4px; }
section.op { border:1px solid var(--line); border-radius:8px; margin:16px 24px; background:var(--card); }
section.op > summary, .op-head { padding:10px 14px; cursor:pointer; display:flex; gap:10px; align-items:center; }
.method { font:600 12px ui-monospace, monospace; padding:2px 8px; border-radius:4px; color:#fff; min-width:58px; text-align:center; }
.GET{background:#1f883d}.POST{background:#0969da}.PUT{background:#9a6700}.DELETE{background:#cf222e}.PATCH{background:#8250df}
.path { font-family: ui-monospace, monospace; }
.body { padding:0 14px 14px; }
pre, textarea { font:12px/1.45 ui-monospace, monospace; background:var(--bg); color:var(--fg); border:1px solid var(--line); border-radius:6px; padding:8px; overflow:auto; max-height:420px; }
textarea { width:100%; min-height:140px; }
table { border-collapse: collapse; width:100%; }
td, th { border-bottom:1px solid var(--line); padding:4px 6px; text-align:left; vertical-align:top; }
button { font:inherit; padding:4px 12px; border-radius:6px; border:1px solid var(--line); background:var(--accent); color:#fff; cursor:pointer; }
.muted { color:var(--muted); }
#intro { margin:16px 24px; }
</style>
</head>
<body>
<header><h1>flopcast API</h1><span id="version" class="muted"></span>
<label>API key <input id="apikey" placeholder="fc_… (stored in this browser only)" autocomplete="off"></label></header>
<main><nav id="nav"></nav><div><div id="intro" class="muted">Loading ${specUrl}…</div><div id="ops"></div></div></main>
<script>
(function () {
  'use strict';
  var keyInput = document.getElementById('apikey');
  try { keyInput.value = localStorage.getItem('flopcast.apiKey') || ''; } catch (e) {}
  keyInput.addEventListener('change', function () { try { localStorage.setItem('flopcast.apiKey', keyInput.value.trim()); } catch (e) {} });
  function el(tag, attrs, children) {
    var n = document.createElement(tag);
    if (attrs) for (var k in attrs) { if (k === 'text') n.textContent = attrs[k]; else n.setAttribute(k, attrs[k]); }
    (children || []).forEach(function (c) { if (c) n.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
    return n;
  }
  function resolve(spec, s, depth) {
    if (!s || depth > 8) return s;
    if (s.$ref) {
      var parts = s.$ref.replace(/^#\\//, '').split('/');
      var t = spec; parts.forEach(function (p) { t = t && t[p]; });
      return resolve(spec, t, depth + 1);
    }
    return s;
  }
  function expand(spec, s, depth) {
    s = resolve(spec, s, 0);
    if (!s || typeof s !== 'object' || depth > 6) return s;
    var out = Array.isArray(s) ? [] : {};
    for (var k in s) out[k] = (typeof s[k] === 'object') ? expand(spec, s[k], depth + 1) : s[k];
    return out;
  }
  function example(spec, s, depth) {
    s = resolve(spec, s, 0);
    if (!s || depth > 6) return null;
    if (s.example !== undefined) return s.example;
    if (s.default !== undefined) return s.default;
    if (s.enum) return s.enum[0];
    var alt = s.anyOf || s.oneOf;
    if (alt) return example(spec, alt[0], depth + 1);
    var type = Array.isArray(s.type) ? s.type[0] : s.type;
    if (type === 'object' || s.properties) {
      var o = {}; var req = s.required || [];
      for (var p in (s.properties || {})) if (req.indexOf(p) >= 0) o[p] = example(spec, s.properties[p], depth + 1);
      return o;
    }
    if (type === 'array') return [];
    if (type === 'integer' || type === 'number') return s.minimum !== undefined ? s.minimum : 1;
    if (type === 'boolean') return false;
    return type === 'string' ? '' : null;
  }
  function render(spec) {
    document.getElementById('version').textContent = (spec.info && spec.info.version ? 'v' + spec.info.version : '') + ' · OpenAPI ' + spec.openapi;
    var intro = document.getElementById('intro');
    intro.textContent = '';
    intro.appendChild(el('pre', { text: (spec.info && spec.info.description) || '' }));
    var nav = document.getElementById('nav'), ops = document.getElementById('ops');
    var byTag = {};
    Object.keys(spec.paths || {}).forEach(function (path) {
      var item = spec.paths[path];
      ['get', 'post', 'put', 'patch', 'delete'].forEach(function (m) {
        if (!item[m]) return;
        var tag = (item[m].tags && item[m].tags[0]) || 'other';
        (byTag[tag] = byTag[tag] || []).push({ path: path, method: m.toUpperCase(), op: item[m] });
      });
    });
    var n = 0;
    Object.keys(byTag).sort().forEach(function (tag) {
      nav.appendChild(el('h3', { text: tag }));
      byTag[tag].forEach(function (e) {
        var id = 'op' + (n++);
        nav.appendChild(el('a', { href: '#' + id }, [el('span', { 'class': 'method ' + e.method, text: e.method }), ' ', e.path]));
        ops.appendChild(operation(spec, e, id));
      });
    });
  }
  function operation(spec, e, id) {
    var d = el('details', { id: id });
    var sec = el('section', { 'class': 'op' }, [d]);
    d.appendChild(el('summary', { 'class': 'op-head' }, [el('span', { 'class': 'method ' + e.method, text: e.method }), el('span', { 'class': 'path', text: e.path }), el('span', { 'class': 'muted', text: e.op.summary || '' })]));
    var body = el('div', { 'class': 'body' });
    d.appendChild(body);
    if (e.op.description) body.appendChild(el('p', { text: e.op.description }));
    var params = (e.op.parameters || []).map(function (p) { return resolve(spec, p, 0); });
    var inputs = {};
    if (params.length) {
      var t = el('table', null, [el('tr', null, [el('th', { text: 'parameter' }), el('th', { text: 'in' }), el('th', { text: 'value' }), el('th', { text: 'description' })])]);
      params.forEach(function (p) {
        var inp = el('input', { placeholder: p.required ? 'required' : 'optional' });
        inputs[p.in + ':' + p.name] = inp;
        t.appendChild(el('tr', null, [el('td', { 'class': 'path', text: p.name }), el('td', { text: p.in }), el('td', null, [inp]), el('td', { text: p.description || '' })]));
      });
      body.appendChild(t);
    }
    var ta = null;
    var rb = e.op.requestBody && resolve(spec, e.op.requestBody, 0);
    if (rb && rb.content && rb.content['application/json']) {
      var schema = rb.content['application/json'].schema;
      body.appendChild(el('h4', { text: 'Request body (application/json)' }));
      var det = el('details', null, [el('summary', { text: 'schema' }), el('pre', { text: JSON.stringify(expand(spec, schema, 0), null, 2) })]);
      body.appendChild(det);
      ta = el('textarea');
      ta.value = JSON.stringify(example(spec, schema, 0), null, 2);
      body.appendChild(ta);
    }
    body.appendChild(el('h4', { text: 'Responses' }));
    Object.keys(e.op.responses || {}).forEach(function (code) {
      var r = resolve(spec, e.op.responses[code], 0);
      var media = r.content ? Object.keys(r.content)[0] : null;
      var kids = [el('summary', { text: code + ' ' + (r.description || '') + (media ? ' (' + media + ')' : '') })];
      if (media && r.content[media].schema) kids.push(el('pre', { text: JSON.stringify(expand(spec, r.content[media].schema, 0), null, 2) }));
      body.appendChild(el('details', null, kids));
    });
    var out = el('pre', { text: '' });
    var btn = el('button', { type: 'button', text: 'Send request' });
    btn.addEventListener('click', function () {
      var path = e.path.replace(/\\{([^}]+)\\}/g, function (_, name) { var i = inputs['path:' + name]; return encodeURIComponent(i ? i.value : ''); });
      var qs = [];
      var headers = {};
      params.forEach(function (p) {
        var v = inputs[p.in + ':' + p.name].value;
        if (!v) return;
        if (p.in === 'query') qs.push(encodeURIComponent(p.name) + '=' + encodeURIComponent(v));
        if (p.in === 'header') headers[p.name] = v;
      });
      var key = keyInput.value.trim();
      if (key) headers['Authorization'] = 'Bearer ' + key;
      var init = { method: e.method, headers: headers };
      if (ta) { headers['Content-Type'] = 'application/json'; init.body = ta.value; }
      out.textContent = 'sending…';
      var t0 = performance.now();
      fetch(path + (qs.length ? '?' + qs.join('&') : ''), init).then(function (res) {
        return res.text().then(function (text) {
          var pretty = text;
          try { pretty = JSON.stringify(JSON.parse(text), null, 2); } catch (err) {}
          out.textContent = res.status + ' ' + res.statusText + ' · ' + Math.round(performance.now() - t0) + ' ms · ' + (res.headers.get('x-request-id') || '') + '\\n\\n' + pretty;
        });
      }).catch(function (err) { out.textContent = String(err); });
    });
    body.appendChild(el('h4', { text: 'Try it' }));
    body.appendChild(btn);
    body.appendChild(out);
    return sec;
  }
  fetch(${JSON.stringify(specUrl)}).then(function (r) { return r.json(); }).then(render).catch(function (err) {
    document.getElementById('intro').textContent = 'Could not load the OpenAPI document: ' + err;
  });
})();
</script>
</body>
</html>`;
}
