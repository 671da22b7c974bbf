// The gallery: a page of list-images at a time, newest first, with search, filters, a detail
// view, single and multiple delete, and a storage panel. Metadata is user text: it only ever
// reaches the page through textContent and attributes, never as HTML.
// With imagestore.auth on, it asks for an API key or a token, keeps it in sessionStorage (gone when
// the tab closes) and sends it as Authorization: Bearer; the server shows the owner's images only.
const API = new URL('api/', import.meta.url);
const TOKEN = 'imagestore.token';
const PAGE = 24;
const $ = (id) => document.getElementById(id);

let offset = 0;
let total = 0;
let loading = false;
const selected = new Set();

/** Thrown when the server wants credentials: the sign-in form is showing. */
class SignInNeeded extends Error {}

async function api(url, options = {}) {
  const token = sessionStorage.getItem(TOKEN);
  const headers = { ...options.headers };
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(url, { ...options, headers });
  if (response.status === 401) {
    const body = await response.json().catch(() => ({}));
    showSignIn(token ? body.error ?? 'not accepted' : '');
    throw new SignInNeeded();
  }
  return response;
}

function showSignIn(error) {
  sessionStorage.removeItem(TOKEN);
  $('signin').hidden = false;
  $('signout').hidden = true;
  $('signin-error').textContent = error;
  $('token').focus();
}

function signIn(event) {
  event.preventDefault();
  sessionStorage.setItem(TOKEN, $('token').value.trim());
  $('token').value = '';
  $('signin').hidden = true;
  $('signout').hidden = false;
  start();
}

function signOut() {
  $('grid').replaceChildren();
  total = 0;
  showCounts();
  showSignIn('');
}

function query(params) {
  const url = new URL('list-images', API);
  for (const [key, value] of Object.entries(params)) if (value !== '') url.searchParams.set(key, value);
  return url;
}

function filters() {
  return { q: $('q').value.trim(), model: $('model').value.trim(), source: $('source').value };
}

async function loadPage(reset) {
  if (loading) return;
  loading = true;
  try {
    if (reset) {
      offset = 0;
      selected.clear();
      $('grid').replaceChildren();
    }
    const response = await api(query({ ...filters(), limit: PAGE, offset }));
    const page = await response.json();
    total = page.count;
    page.images.forEach((image) => $('grid').append(card(image)));
    offset += page.images.length;
    $('more').hidden = offset >= total;
    showCounts();
  } finally {
    loading = false;
  }
}

/** The thumbnail URL of twice the width: the service always makes that width too. */
function doubleWidth(thumbnailUrl) {
  return thumbnailUrl.replace(/\/thumbnails\/(\d+)\//, (_, width) => `/thumbnails/${Math.min(4096, width * 2)}/`);
}

function card(image) {
  const figure = document.createElement('figure');
  figure.className = 'card';
  figure.dataset.filename = image.filename;
  const select = document.createElement('input');
  select.type = 'checkbox';
  select.className = 'select';
  select.setAttribute('aria-label', `select ${image.filename}`);
  select.addEventListener('change', () => {
    if (select.checked) selected.add(image.filename);
    else selected.delete(image.filename);
    showCounts();
  });
  const img = document.createElement('img');
  img.loading = 'lazy';
  // The grid shows thumbnails (twice as wide for 2x screens); the detail view the image itself.
  img.src = image.thumbnail_url ?? image.url;
  if (image.thumbnail_url) img.srcset = `${image.thumbnail_url} 1x, ${doubleWidth(image.thumbnail_url)} 2x`;
  img.alt = image.metadata?.prompt ?? image.filename;
  img.width = image.width ?? 256;
  img.height = image.height ?? 256;
  img.addEventListener('click', () => openDetail(image));
  const caption = document.createElement('figcaption');
  caption.textContent = image.metadata?.prompt ?? image.filename;
  figure.append(select, img, caption);
  return figure;
}

function showCounts() {
  $('shown').textContent = `${$('grid').children.length} of ${total}`;
  $('delete-selected').disabled = selected.size === 0;
  $('delete-selected').textContent = `delete selected (${selected.size})`;
}

function openDetail(image) {
  const url = new URL(image.url, location.href).href;
  $('detail-image').src = image.url;
  $('detail-url').value = url;
  $('detail-metadata').textContent = JSON.stringify(
    { filename: image.filename, created_at: image.created_at, size: image.size,
      width: image.width, height: image.height, metadata: image.metadata }, null, 2);
  $('detail').dataset.filename = image.filename;
  $('detail').showModal();
}

async function copyUrl() {
  const input = $('detail-url');
  try {
    await navigator.clipboard.writeText(input.value);
  } catch {
    // Without clipboard permission (plain http, some browsers), leave it selected for Ctrl+C.
    input.select();
  }
}

async function deleteOne() {
  const filename = $('detail').dataset.filename;
  const response = await api(new URL(`delete-image/${encodeURIComponent(filename)}`, API), { method: 'DELETE' });
  if (response.ok || response.status === 404) {
    removeCards([filename]);
    $('detail').close();
  }
}

async function deleteSelected() {
  const filenames = [...selected];
  const response = await api(new URL('delete-images', API), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ filenames }),
  });
  const result = await response.json();
  removeCards([...result.filenames, ...result.not_found]);
}

function removeCards(filenames) {
  for (const filename of filenames) {
    document.querySelector(`figure.card[data-filename="${CSS.escape(filename)}"]`)?.remove();
    selected.delete(filename);
    total--;
  }
  offset = $('grid').children.length;
  showCounts();
  loadStorage();
}

function humanBytes(bytes) {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let i = 0;
  while (bytes >= 1024 && i < units.length - 1) {
    bytes /= 1024;
    i++;
  }
  return `${bytes.toFixed(i === 0 ? 0 : 1)} ${units[i]}`;
}

async function loadStorage() {
  // Totals of every owner's images are for admins: others see the count of their own.
  const response = await api(new URL('storage-stats', API));
  const stats = response.ok ? await response.json() : null;
  $('storage').querySelectorAll('dl > div:not(:first-child)').forEach((row) => { row.hidden = !stats; });
  if (stats) {
    $('stat-used').textContent = humanBytes(stats.total_bytes);
    $('stat-free').textContent = humanBytes(stats.usable_bytes);
  }
  // Images per day over the last 30 days that have any, from the newest 1000 images.
  const recent = await (await api(query({ limit: 1000 }))).json();
  $('stat-count').textContent = stats ? stats.count : recent.count;
  const perDay = new Map();
  for (const image of recent.images) {
    const day = image.created_at.slice(0, 10);
    perDay.set(day, (perDay.get(day) ?? 0) + 1);
  }
  drawPlot([...perDay.entries()].sort().slice(-30));
}

function drawPlot(days) {
  const svg = $('per-day');
  const ns = 'http://www.w3.org/2000/svg';
  svg.replaceChildren();
  const max = Math.max(1, ...days.map(([, n]) => n));
  const width = Math.min(300 / Math.max(days.length, 1), 20);
  days.forEach(([day, n], i) => {
    const bar = document.createElementNS(ns, 'rect');
    const height = (n / max) * 56;
    bar.setAttribute('x', i * width + 1);
    bar.setAttribute('y', 58 - height);
    bar.setAttribute('width', Math.max(width - 2, 1));
    bar.setAttribute('height', height);
    const title = document.createElementNS(ns, 'title');
    title.textContent = `${day}: ${n}`;
    bar.append(title);
    svg.append(bar);
  });
}

function debounce(action, millis) {
  let timer;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(action, millis);
  };
}

const reload = debounce(() => loadPage(true), 250);
$('q').addEventListener('input', reload);
$('model').addEventListener('input', reload);
$('source').addEventListener('change', () => loadPage(true));
$('filters').addEventListener('submit', (event) => event.preventDefault());
$('more').addEventListener('click', () => loadPage(false));
$('delete-selected').addEventListener('click', deleteSelected);
$('detail-copy').addEventListener('click', copyUrl);
$('detail-delete').addEventListener('click', deleteOne);
$('detail-close').addEventListener('click', () => $('detail').close());
// Infinite scroll: the "more" button loads the next page when it scrolls into view.
new IntersectionObserver((entries) => {
  if (entries.some((entry) => entry.isIntersecting) && !$('more').hidden) loadPage(false);
}).observe($('more'));

$('signin').addEventListener('submit', signIn);
$('signout').addEventListener('click', signOut);
// A rejected call has shown the sign-in form; nothing else is left to do with it.
window.addEventListener('unhandledrejection', (event) => {
  if (event.reason instanceof SignInNeeded) event.preventDefault();
});

function start() {
  $('signout').hidden = !sessionStorage.getItem(TOKEN);
  loadPage(true);
  loadStorage();
}

start();
