// imagestore.js: keep chat sessions small. Images go to the imagestore server, the chat keeps
// their URLs. A dependency-free ES module; include it from wherever the WAR is deployed:
//   import { saveImage, migrateSession, compactLocalStorage } from '/imagestore.js';

// The module sits at the WAR's root, so the API is found beside it whatever the context root.
const API = new URL('api/', import.meta.url);

// With imagestore.auth on, the API key or token that every call sends; see setToken.
let token = null;

/** Sends `Authorization: Bearer <key or token>` with every call from now on (null: none). */
export function setToken(keyOrToken) {
  token = keyOrToken;
}

// A PNG data URL inside any text: HTML attributes, Markdown links, JSON strings.
const PNG_DATA_URL = /data:image\/png;base64,[A-Za-z0-9+/=]+/g;

/**
 * Stores an image: base64, a data URL, or a Blob (a generator's fetch answer, a file input), which
 * goes as a multipart form with no base64 on the wire (a form, not the raw body: metadata in a
 * header would meet the servers' header size limits). Resolves to the stored image's fields and its URL,
 * or, if the server cannot take it, to the image as a data URL with stored: false, so that the chat
 * still shows it (the "fallback to base64").
 */
export async function saveImage(image, metadata = {}) {
  const blob = typeof Blob !== 'undefined' && image instanceof Blob;
  try {
    const response = await fetch(new URL('save-image', API), {
      method: 'POST',
      // A form's Content-Type, boundary and all, is the browser's to set.
      headers: {
        ...(blob ? {} : { 'Content-Type': 'application/json' }),
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
      body: blob ? form(image, metadata) : JSON.stringify({ image, metadata }),
    });
    const body = await response.json().catch(() => ({}));
    if (!response.ok || !body.success) {
      const error = body.error || `HTTP ${response.status}`;
      return { url: await dataUrlOf(image), stored: false, error };
    }
    return { ...body, thumbnailUrl: body.thumbnail_url, stored: true };
  } catch (error) {
    return { url: await dataUrlOf(image), stored: false, error: String(error) };
  }
}

function form(blob, metadata) {
  const body = new FormData();
  body.append('image', blob, 'generated.png');
  body.append('metadata', JSON.stringify(metadata));
  return body;
}

function dataUrlOf(image) {
  if (!(typeof Blob !== 'undefined' && image instanceof Blob)) {
    return image.startsWith('data:') ? image : `data:image/png;base64,${image}`;
  }
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result);
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(image);
  });
}

/**
 * Saves every embedded PNG of a chat session (strings anywhere in it) once, and returns a copy of
 * the session with each replaced by its URL. Images that cannot be saved stay as they were.
 */
export async function migrateSession(session, { onProgress } = {}) {
  const found = new Set();
  visitStrings(session, (text) => {
    for (const match of text.matchAll(PNG_DATA_URL)) found.add(match[0]);
  });
  const urls = new Map();
  let done = 0;
  for (const dataUrl of found) {
    const result = await saveImage(dataUrl, { source: 'migration' });
    if (result.stored) urls.set(dataUrl, result.url);
    onProgress?.({ done: ++done, total: found.size, stored: urls.size });
  }
  const migrated = mapStrings(session, (text) =>
    text.replace(PNG_DATA_URL, (dataUrl) => urls.get(dataUrl) ?? dataUrl));
  return { session: migrated, saved: urls.size, failed: found.size - urls.size };
}

/**
 * Migrates the sessions stored as JSON under a localStorage key, in place, and reports the size
 * before and after (UTF-8 bytes) and how many images were saved or left as they were.
 */
export async function compactLocalStorage(key, { onProgress } = {}) {
  const before = localStorage.getItem(key);
  if (before === null) return { bytesBefore: 0, bytesAfter: 0, saved: 0, failed: 0 };
  const { session, saved, failed } = await migrateSession(JSON.parse(before), { onProgress });
  const after = JSON.stringify(session);
  localStorage.setItem(key, after);
  return { bytesBefore: byteLength(before), bytesAfter: byteLength(after), saved, failed };
}

function visitStrings(value, visit) {
  if (typeof value === 'string') visit(value);
  else if (Array.isArray(value)) value.forEach((item) => visitStrings(item, visit));
  else if (value && typeof value === 'object') Object.values(value).forEach((item) => visitStrings(item, visit));
}

function mapStrings(value, map) {
  if (typeof value === 'string') return map(value);
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, map));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, map)]));
  }
  return value;
}

function byteLength(text) {
  return new TextEncoder().encode(text).length;
}
