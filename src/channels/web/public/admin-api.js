// Relais web console — admin view: the way to the server that every tab uses. Every action is an
// admin command posted to /api/admin/commands/<name> (src/channels/web/admin.ts); the server checks
// the admin role. A refused command is shown next to the form it came from: its message and its
// problems, already worded by the server in the page's language (src/admin/problems.ts).
// Loaded first of the admin modules (they share window.RelaisAdmin); holds no wording of its own.

const { strings, el, client } = window.RelaisConsole;
const api = client('api/admin', 'relais.demoAdmin');

/** Says how the last action went, in the page's status line (read by screen readers). */
function say(text, isError = false) {
  const box = document.getElementById('status');
  box.textContent = text;
  box.className = isError ? 'status error' : 'status';
}

/** An empty error box for a form built by the script (static forms have theirs in admin.html). */
function errorBox() {
  return el('div', { class: 'form-errors error', tabindex: '-1', 'aria-live': 'assertive', hidden: true });
}

/** Shows a refusal in `box` and moves the focus there, so that it is read and seen at once. */
function showRefusal(box, message, problems = []) {
  box.replaceChildren(el('p', {}, message), ...(problems.length ? [el('ul', {}, ...problems.map((p) => el('li', {}, p)))] : []));
  box.hidden = false;
  box.focus();
}

function clearRefusal(box) {
  if (!box) return;
  box.replaceChildren();
  box.hidden = true;
}

/**
 * Runs the admin command `name`. A refusal goes to `errors` (the error box of the form that
 * asked), else to the status line; it then rejects with the refusal's code.
 */
async function call(name, input = {}, errors = null) {
  let response;
  try {
    response = await fetch(api.url(`/commands/${name}`), {
      method: 'POST',
      headers: api.headers({ 'Content-Type': 'application/json' }),
      body: JSON.stringify(input),
    });
  } catch {
    document.getElementById('network').hidden = false;
    throw new Error('network');
  }
  document.getElementById('network').hidden = true;
  const body = await response.json();
  if (!body.ok) {
    if (errors) {
      say('');
      showRefusal(errors, body.message, body.problems);
    } else {
      say([body.message, ...(body.problems ?? [])].join(' '), true);
    }
    if (body.code === 'not_allowed') document.getElementById('refused').hidden = false;
    // The refusal rides along for a caller that acts on it (a scheduled_conflict lists versions).
    throw Object.assign(new Error(body.code), { refusal: body });
  }
  clearRefusal(errors);
  return body.result;
}

/** Who the caller is: `{ok: true, name}` for an admin, else the refusal (with how to sign in). */
async function whoAmI() {
  const response = await fetch(api.url('/me'), { headers: api.headers() });
  return response.json();
}

/** Errors are already shown where they belong: a handler's promise needs no more. */
const quiet = (promise) => promise.catch(() => undefined);

/** Warns (for developers) of UI strings a module builds at run time that the server did not send. */
function checkKeys(keys) {
  for (const key of keys) if (!(key in strings)) console.warn('missing UI string', key);
}

/** Runs `handler` on clicks of the button `id`. */
function wire(id, handler) {
  document.getElementById(id).addEventListener('click', () => quiet(handler()));
}

window.RelaisAdmin = { ...window.RelaisAdmin, say, call, whoAmI, quiet, wire, errorBox, checkKeys };
