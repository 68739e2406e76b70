// Relais web console — what the three pages (chat, delegate, admin) share in the browser: their UI
// strings, the caller's credentials on every API call (the page's token, or the demo identity a
// loopback caller picked), and building DOM nodes without HTML. A classic script loaded before
// each page's module (src/channels/web/public/layout.html); it defines window.RelaisConsole.
(() => {
  const config = JSON.parse(document.getElementById('relais-strings').textContent);
  const { strings, locale } = config;
  const params = new URLSearchParams(window.location.search);
  const token = params.get('token');

  /** The UI string `key` with its `{placeholders}` filled (the key itself if the server sent none). */
  function t(key, values = {}) {
    const text = strings[key] ?? key;
    return text.replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (whole, name) =>
      name in values ? String(values[name]) : whole,
    );
  }

  /** An element with attributes (`class`, `on<event>` handlers, booleans) and children. */
  function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs)) {
      if (key === 'class') node.className = value;
      else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
      else if (value !== false && value !== undefined) node.setAttribute(key, value === true ? '' : value);
    }
    for (const child of children) if (child !== null && child !== undefined) node.append(child);
    return node;
  }

  /**
   * The page's way to the API under `base` (`api/chat`): headers that say who calls, URLs that
   * keep the page language. `?as=<id>` in the page URL picks (and remembers) a demo identity.
   */
  function client(base, demoKey) {
    if (params.get('as')) window.localStorage.setItem(demoKey, params.get('as'));
    return {
      headers(extra = {}) {
        const h = { Accept: 'application/json', ...extra };
        if (token) h.Authorization = `Bearer ${token}`;
        const demo = window.localStorage.getItem(demoKey);
        if (!token && demo) h['X-Relais-Demo-User'] = demo;
        return h;
      },
      url(path) {
        return `${base}${path}${path.includes('?') ? '&' : '?'}lang=${encodeURIComponent(locale)}`;
      },
    };
  }

  window.RelaisConsole = { strings, locale, t, el, client };
})();
