/** The interactive API page: plain HTML plus a same-origin script, so the CSP stays strict. */
export const docsHtml = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>QuickShow API</title>
<style>
body{margin:0;font-family:system-ui,sans-serif;background:#09090b;color:#e4e4e7}
header{padding:20px 24px;border-bottom:1px solid #27272a}h1{margin:0;font-size:20px;color:#F84565}
main{max-width:960px;margin:auto;padding:16px}
details{border:1px solid #27272a;border-radius:10px;margin:10px 0;background:#18181b}
summary{cursor:pointer;padding:10px 14px;display:flex;gap:10px;align-items:center}
.m{font:600 12px monospace;padding:2px 8px;border-radius:6px;background:#3f3f46;text-transform:uppercase}
.m.get{background:#14532d}.m.post{background:#7c2d12}.p{font-family:monospace}.a{margin-left:auto;font-size:12px;color:#a1a1aa}
form{padding:0 14px 14px;display:grid;gap:8px}label{font-size:12px;color:#a1a1aa}
input,textarea{width:100%;box-sizing:border-box;background:#09090b;color:#e4e4e7;border:1px solid #3f3f46;border-radius:6px;padding:6px;font-family:monospace}
button{justify-self:start;background:#F84565;color:#fff;border:0;border-radius:999px;padding:6px 16px;cursor:pointer}
pre{background:#09090b;border:1px solid #27272a;border-radius:6px;padding:8px;overflow:auto;max-height:320px;white-space:pre-wrap}
</style></head><body>
<header><h1>QuickShow API</h1><p>Every route of <a style="color:#F84565" href="/api/openapi.json">openapi.json</a>; send requests from here. Paste a token from <code>POST /api/auth/login</code>:</p>
<input id="token" placeholder="Bearer token (optional)" aria-label="Bearer token"></header>
<main id="ops">Loading…</main>
<script src="/api/docs/app.js"></script></body></html>`;

export const docsScript = `(async () => {
  const spec = await (await fetch('/api/openapi.json')).json();
  const root = document.getElementById('ops');
  root.textContent = '';
  const el = (tag, props = {}, children = []) => { const e = Object.assign(document.createElement(tag), props); e.append(...children); return e; };
  for (const [path, ops] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const params = (op.parameters || []).map((p) => ({ name: p.name, input: el('input', { placeholder: p.name, ariaLabel: p.name }) }));
      const body = op.requestBody ? el('textarea', { rows: 5, placeholder: 'JSON body', ariaLabel: 'JSON body' }) : null;
      const out = el('pre', { textContent: '' });
      const form = el('form', {}, [
        el('div', { textContent: op.summary || '' }),
        ...params.flatMap((p) => [el('label', { textContent: p.name }), p.input]),
        ...(body ? [el('label', { textContent: 'body' }), body] : []),
        el('button', { type: 'submit', textContent: 'Send' }),
        out,
      ]);
      form.addEventListener('submit', async (event) => {
        event.preventDefault();
        let url = path;
        for (const p of params) url = url.replace('{' + p.name + '}', encodeURIComponent(p.input.value));
        const headers = { 'content-type': 'application/json' };
        const token = document.getElementById('token').value.trim();
        if (token) headers.authorization = 'Bearer ' + token.replace(/^Bearer\\s+/i, '');
        const res = await fetch(url, { method: method.toUpperCase(), headers, body: body ? body.value : undefined });
        const text = await res.text();
        let shown = text; try { shown = JSON.stringify(JSON.parse(text), null, 2); } catch {}
        out.textContent = res.status + ' ' + res.statusText + '\\n' + shown;
      });
      root.append(el('details', {}, [
        el('summary', {}, [el('span', { className: 'm ' + method, textContent: method }), el('span', { className: 'p', textContent: path }), el('span', { className: 'a', textContent: op['x-access'] || '' })]),
        form,
      ]));
    }
  }
})();`;
