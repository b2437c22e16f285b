// The console's router: #/ (state machines), #/machine/ARN, #/executions?…, #/execution/ARN, #/services, #/usage.
import { credentials, whenAuthNeeded } from './api.js';
import { h, error } from './ui.js';
import machines from './pages/machines.js';
import machine from './pages/machine.js';
import executions from './pages/executions.js';
import execution from './pages/execution.js';
import services from './pages/services.js';
import usage from './pages/usage.js';

const main = document.getElementById('main');
let leave = null; // the current page's cleanup (timers of live refresh)

const routes = [
  [/^#?\/?$/, 'machines', () => machines],
  [/^#\/machine\/([^?]+)/, 'machines', (m) => (el) => machine(el, decodeURIComponent(m[1]))],
  [/^#\/executions/, 'executions', () => executions],
  [/^#\/execution\/([^?]+)/, 'executions', (m) => (el) => execution(el, decodeURIComponent(m[1]))],
  [/^#\/services/, 'services', () => services],
  [/^#\/usage/, 'usage', () => usage],
];

async function route() {
  if (leave) { leave(); leave = null; }
  const hash = location.hash || '#/';
  for (const [pattern, nav, page] of routes) {
    const m = hash.match(pattern);
    if (!m) continue;
    document.querySelectorAll('[data-nav]').forEach((a) => a.classList.toggle('active', a.dataset.nav === nav));
    main.replaceChildren(h('p', { class: 'empty' }, 'Loading…'));
    const view = h('div');
    try {
      leave = (await page(m)(view)) || null;
      main.replaceChildren(view);
    } catch (e) {
      console.error(e);
      main.replaceChildren(view, error(e));
    }
    return;
  }
  main.replaceChildren(h('p', { class: 'empty' }, 'No such page.'));
}

const dialog = document.getElementById('sign-in');
const signInButton = document.getElementById('sign-in-button');
whenAuthNeeded(() => { signInButton.hidden = false; if (!dialog.open) dialog.showModal(); });
signInButton.addEventListener('click', () => (credentials.get() ? (credentials.set(null), location.reload()) : dialog.showModal()));
if (credentials.get()) { signInButton.hidden = false; signInButton.textContent = 'Sign out'; }
dialog.addEventListener('close', () => {
  if (dialog.returnValue !== 'ok') return;
  const form = new FormData(document.getElementById('sign-in-form'));
  credentials.set({ accessKeyId: form.get('accessKeyId').trim(), secretAccessKey: form.get('secretAccessKey') });
  signInButton.textContent = 'Sign out';
  route();
});

window.addEventListener('hashchange', route);
route();
