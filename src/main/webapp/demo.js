// The demo chat: messages live in localStorage under one key, each holding an image URL, or a
// data URL when saving failed. A "created" image is a canvas drawing or a chosen PNG file.
import { saveImage, compactLocalStorage } from './imagestore.js';

export const STORAGE_KEY = 'imagestore-demo-chat';
const $ = (id) => document.getElementById(id);

function messages() {
  return JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '[]');
}

function render() {
  const items = messages().map((message) => {
    const item = document.createElement('li');
    const text = document.createElement('p');
    text.textContent = message.text;
    item.append(text);
    if (!message.image) return item;
    const img = document.createElement('img');
    img.loading = 'lazy';
    // A stored image shows as its thumbnail and opens at full size.
    img.src = message.thumbnail ?? message.image;
    img.alt = message.text;
    img.className = message.image.startsWith('data:') ? 'inline' : 'stored';
    img.width = 128;
    if (!message.thumbnail) {
      item.append(img);
      return item;
    }
    const link = document.createElement('a');
    link.href = message.image;
    link.target = '_blank';
    link.append(img);
    item.append(link);
    return item;
  });
  $('chat').replaceChildren(...items);
}

function drawnImage(prompt) {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 256;
  const context = canvas.getContext('2d');
  const hue = [...prompt].reduce((sum, c) => sum + c.charCodeAt(0), Date.now()) % 360;
  const gradient = context.createLinearGradient(0, 0, 256, 256);
  gradient.addColorStop(0, `hsl(${hue} 70% 60%)`);
  gradient.addColorStop(1, `hsl(${(hue + 120) % 360} 70% 30%)`);
  context.fillStyle = gradient;
  context.fillRect(0, 0, 256, 256);
  context.fillStyle = '#fff';
  context.font = '16px sans-serif';
  context.fillText(prompt.slice(0, 28), 10, 128);
  return canvas.toDataURL('image/png');
}

function readFile(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result);
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

async function create(event) {
  event.preventDefault();
  const prompt = $('prompt').value;
  const file = $('file').files[0];
  const dataUrl = file ? await readFile(file) : drawnImage(prompt);
  const saved = await saveImage(dataUrl, { prompt, source: 'manual' });
  const all = messages();
  all.push({ role: 'assistant', text: prompt, image: saved.url, thumbnail: saved.thumbnailUrl });
  localStorage.setItem(STORAGE_KEY, JSON.stringify(all));
  $('status').textContent = saved.stored ? `stored as ${saved.filename}` : `kept inline: ${saved.error}`;
  render();
}

async function migrate() {
  const report = await compactLocalStorage(STORAGE_KEY, {
    onProgress: ({ done, total }) => { $('status').textContent = `migrating ${done}/${total}`; },
  });
  $('status').textContent =
    `saved ${report.saved}, left ${report.failed}; ${report.bytesBefore} → ${report.bytesAfter} bytes`;
  render();
}

$('create').addEventListener('submit', create);
$('migrate').addEventListener('click', migrate);
render();
