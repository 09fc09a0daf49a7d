import './portal.css';
import { h, replace } from './dom.ts';
import { bookPage } from './pages/book.ts';
import { homePage } from './pages/home.ts';
import { privacyPage } from './pages/privacy.ts';
import { submitPage } from './pages/submit.ts';
import { trackPage } from './pages/track.ts';

// The public portal (网上信访): a light entry of its own — plain DOM, no staff bundle. Pages live
// in the hash (/portal, /portal#submit, /portal#track, /portal#book, /portal#privacy) so the server only ever
// serves portal.html; a query code is never put in the address (it would stay in the history).

const TITLES: Record<string, string> = {
  '': '网上信访',
  submit: '我要反映',
  track: '查询进度',
  book: '预约接访',
  privacy: '个人信息说明',
};

const root = document.getElementById('portal') as HTMLElement;
const main = h('main', { id: 'main', class: 'main' });
let pendingCode: string | null = null;
let first = true;

/** Opens the tracking page with a code (from a fresh submission) without putting it in the URL. */
function track(code: string): void {
  pendingCode = code;
  if (location.hash === '#track') render();
  else location.hash = 'track';
}

function render(): void {
  const route = location.hash.replace(/^#\/?/, '');
  const name = route in TITLES ? route : '';
  let page: HTMLElement;
  if (name === 'submit') page = submitPage(track);
  else if (name === 'track') {
    page = trackPage(pendingCode);
    pendingCode = null;
  } else if (name === 'book') page = bookPage();
  else if (name === 'privacy') page = privacyPage();
  else page = homePage();
  replace(main, page);
  document.title = name ? `${TITLES[name]} · 网上信访` : '网上信访 · 回音';
  for (const link of root.querySelectorAll('.topnav a'))
    link.toggleAttribute('aria-current', link.getAttribute('href') === `#${name}`);
  if (!first) {
    window.scrollTo(0, 0);
    main.querySelector('h1')?.focus();
  }
  first = false;
}

replace(
  root,
  h(
    'header',
    { class: 'topbar' },
    h(
      'a',
      { href: '#', class: 'brand' },
      h('span', { class: 'brand-mark', 'aria-hidden': 'true' }, '回'),
      '网上信访',
    ),
    h(
      'nav',
      { class: 'topnav', 'aria-label': '主要页面' },
      h('a', { href: '#submit' }, '我要反映'),
      h('a', { href: '#track' }, '查询进度'),
    ),
  ),
  main,
  h(
    'footer',
    { class: 'footer' },
    h('p', {}, '网上信访依照《信访工作条例》办理。'),
    h('p', {}, h('a', { href: '#privacy' }, '个人信息说明'), ' · ', h('a', { href: '#' }, '首页')),
  ),
);
window.addEventListener('hashchange', render);
// A link to the page one is on (我要反映 after a submission) starts that page afresh.
document.addEventListener('click', (event) => {
  const link = (event.target as Element).closest?.('a[href^="#"]');
  if (!link || link.getAttribute('href') !== (location.hash || '#')) return;
  event.preventDefault();
  first = false;
  render();
});
render();
