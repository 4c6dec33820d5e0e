// Shared by every console page: UI text, the API key, calls to the API (JSON, server-sent events, uploads), and small
// DOM helpers. Data is always put into the page as text (never as HTML), so nothing a bot or a pack says can run here.

const KEY = 'xdai.key';
const messages = JSON.parse(document.getElementById('xdai-messages').textContent);

/** The UI text of `key` in the page's language, with %1, %2 … replaced by the arguments. */
export function t(key, ...args) {
  const text = messages[key] ?? key;
  return text.replace(/%(\d)/g, (m, i) => (args[i - 1] ?? m));
}

/** The UI text of `key`, or `fallback` where there is none (names the service knows but the console does not). */
export function tOr(key, fallback) {
  return messages[key] ?? fallback;
}

/** A reply's mode in lower case (quoted, generated, bank, unknown, fallback), or `none` for turns stored before modes. */
export function modeOf(grounding) {
  return (grounding?.mode || 'none').toLowerCase();
}

/** Formats a number for the page's language. */
export function num(value, digits = 0) {
  return Number(value).toLocaleString(document.documentElement.lang, { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

/** Creates an element: attributes (on* as listeners, `class`, `text`, booleans) and children (nodes or strings). */
export function el(tag, attrs = {}, ...children) {
  const node = tag.startsWith('svg:') ? document.createElementNS('http://www.w3.org/2000/svg', tag.slice(4)) : document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else if (name === 'text') node.textContent = value;
    else node.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child !== undefined && child !== null && child !== false) node.append(child);
  }
  return node;
}

/** Submits the form of a text area on Enter; Shift+Enter (or Enter while an input method composes) starts a new line. */
export function sendOnEnter(textarea) {
  textarea.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      textarea.form.requestSubmit();
    }
  });
}

/** Shows `text` in an element that is hidden while empty. */
export function say(node, text) {
  node.textContent = text || '';
  node.hidden = !text;
}

/** A refusal of the API: its status and its problem body (detail, violations). */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
  }

  /** Whether the key is valid but not an admin's. */
  get needsAdmin() {
    return this.status === 403 && /admin/.test(this.message);
  }
}

/** What to tell the user about a failed call. */
export function describe(error) {
  if (error instanceof ApiError) return error.status === 0 ? t('error_network') : `${t('error_prefix', error.status)} ${error.message}`;
  return String(error.message || error);
}

function authHeaders(headers = {}) {
  const key = sessionStorage.getItem(KEY);
  return key ? { ...headers, Authorization: `Bearer ${key}` } : headers;
}

async function problemOf(response) {
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    return { detail: text || response.statusText };
  }
}

/**
 * Calls the API: a JSON body (or a string with its content type), the parsed JSON answer (null for 204). A 401 asks for
 * a key once and tries again; any other refusal throws an ApiError with the problem.
 */
export async function api(path, { method = 'GET', body, type, accept = 'application/json' } = {}) {
  for (let attempt = 0; ; attempt++) {
    const headers = authHeaders({ Accept: accept });
    let payload = body;
    if (body !== undefined && typeof body !== 'string') {
      payload = JSON.stringify(body);
      headers['Content-Type'] = 'application/json';
    } else if (body !== undefined) {
      headers['Content-Type'] = `${type || 'text/plain'}; charset=utf-8`;
    }
    let response;
    try {
      response = await fetch(path, { method, headers, body: payload });
    } catch (e) {
      throw new ApiError(0, { detail: e.message });
    }
    if (response.status === 401 && attempt === 0 && await askForKey((await problemOf(response)).detail)) continue;
    if (!response.ok) throw new ApiError(response.status, await problemOf(response));
    if (response.status === 204) return null;
    return (response.headers.get('Content-Type') || '').includes('json') ? response.json() : response.text();
  }
}

/**
 * Posts a JSON body and reads the answer as server-sent events (EventSource cannot post): `on[event](data)` is called
 * for each event as it arrives. A refusal before the stream starts throws an ApiError.
 */
export async function stream(path, body, on) {
  for (let attempt = 0; ; attempt++) {
    let response;
    try {
      response = await fetch(path, {
        method: 'POST',
        headers: authHeaders({ 'Content-Type': 'application/json', Accept: 'text/event-stream' }),
        body: JSON.stringify(body),
      });
    } catch (e) {
      throw new ApiError(0, { detail: e.message });
    }
    if (response.status === 401 && attempt === 0 && await askForKey((await problemOf(response)).detail)) continue;
    if (!response.ok) throw new ApiError(response.status, await problemOf(response));
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let end;
      while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(buffer.slice(end).match(/^\r?\n\r?\n/)[0].length + end);
        dispatch(block, on);
      }
    }
    if (buffer.trim()) dispatch(buffer, on);
    return;
  }
}

// One event block: `event:` names it, `data:` lines (one optional space after the colon) are joined by newlines.
function dispatch(block, on) {
  let name = 'message';
  const data = [];
  for (const line of block.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const field = line.slice(0, colon);
    let value = line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') name = value;
    else if (field === 'data') data.push(value);
  }
  on[name]?.(data.join('\n'));
}

/** Uploads a file with its progress (0..1) reported while it is sent; resolves to the parsed JSON answer. */
export function upload(path, file, onProgress) {
  return new Promise((resolve, reject) => {
    const send = (attempt) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', path);
      for (const [name, value] of Object.entries(authHeaders({ Accept: 'application/json' }))) xhr.setRequestHeader(name, value);
      xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
      xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
      xhr.upload.onload = () => onProgress(1);
      xhr.onerror = () => reject(new ApiError(0, { detail: t('error_network') }));
      xhr.onload = async () => {
        let body;
        try {
          body = JSON.parse(xhr.responseText);
        } catch {
          body = { detail: xhr.responseText || xhr.statusText };
        }
        if (xhr.status === 401 && attempt === 0 && await askForKey(body.detail)) send(1);
        else if (xhr.status >= 200 && xhr.status < 300) resolve(body);
        else reject(new ApiError(xhr.status, body));
      };
      xhr.send(file);
    };
    send(0);
  });
}

/** Health and metrics need no key; they are fetched without one. */
export async function openJson(path) {
  const response = await fetch(path, { headers: { Accept: 'application/json' } });
  return response.json();
}

// ---- the API key ----------------------------------------------------------------------------------------------------

const dialog = document.getElementById('key-dialog');
const keyInput = document.getElementById('key-input');

function showKeyState() {
  document.getElementById('key-state').textContent = sessionStorage.getItem(KEY) ? t('key_set') : '';
}

/** Asks for an API key (kept for this browser session); resolves true when one was given or the key was forgotten. */
export function askForKey(reason) {
  document.getElementById('key-reason').textContent = reason || '';
  keyInput.value = '';
  return new Promise((resolve) => {
    const close = (given) => {
      dialog.removeEventListener('close', onClose);
      if (dialog.open) dialog.close();
      showKeyState();
      resolve(given);
    };
    const onClose = () => close(false);
    dialog.addEventListener('close', onClose);
    document.getElementById('key-form').onsubmit = (e) => {
      e.preventDefault();
      const key = keyInput.value.trim();
      if (!key) return keyInput.focus();
      sessionStorage.setItem(KEY, key);
      close(true);
    };
    document.getElementById('key-cancel').onclick = () => close(false);
    document.getElementById('key-forget').onclick = () => {
      sessionStorage.removeItem(KEY);
      close(true); // the page reloads without it
    };
    dialog.showModal();
    keyInput.focus();
  });
}

/**
 * Runs a page's start: when it needs an admin key and the key in use is not one, says so in place of the page.
 * `start` throws the ApiError of its first refused call.
 */
export async function adminPage(start) {
  try {
    await start();
  } catch (e) {
    if (!(e instanceof ApiError) || (e.status !== 403 && e.status !== 401)) throw e;
    const gate = document.getElementById('admin-gate');
    gate.replaceChildren(el('h1', { text: t(e.needsAdmin ? 'admin_only_title' : 'key_needed_title') }),
      el('p', { text: t(e.needsAdmin ? 'admin_only' : 'key_needed') }), el('p', { class: 'muted', text: e.message }),
      el('button', { type: 'button', class: 'primary', onclick: async () => (await askForKey('')) && location.reload(), text: t('key_button') }));
    gate.hidden = false;
    document.getElementById('page-body').hidden = true;
  }
}

document.getElementById('key-button').addEventListener('click', async () => {
  if (await askForKey('')) location.reload();
});

// The language is the server's choice for the page; switching reloads it in the other language (kept in a cookie).
document.getElementById('lang').addEventListener('change', (e) => {
  const url = new URL(location.href);
  url.searchParams.set('lang', e.target.value);
  location.assign(url);
});

showKeyState();
