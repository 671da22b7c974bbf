#!/usr/bin/env python3
"""Writes a folder in the seed's format: N images with naive-timestamp sidecars, plus two known
images for the GET scenarios (a 1.7 MB and a 40 KB PNG of noise). Usage: make_seed.py DIR N [full]
With "full", the sidecars also carry width and height, as imagestore's own do, so that indexing an
image needs its sidecar alone."""
import json, os, random, struct, sys, zlib
from datetime import datetime, timedelta

def png(width, height, noise):
    rows = b''.join(b'\0' + (os.urandom(width * 3) if noise else bytes([random.randrange(256)]) * (width * 3))
                    for _ in range(height))
    def chunk(kind, data):
        return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff)
    return (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', width, height, 8, 2, 0, 0, 0))
            + chunk(b'IDAT', zlib.compress(rows, 6)) + chunk(b'IEND', b''))

WORDS = ('mountain lake sunset forest portrait cat dog city night neon anime castle river ocean '
         'robot dragon flower garden winter desert').split()
MODELS = ['AnythingV4_v45', 'sdxl', 'dreamshaper_8']

FULL = len(sys.argv) > 3 and sys.argv[3] == 'full'

def write(folder, stamp, data, prompt, model, created):
    name = f'generated_{stamp}.png'
    with open(os.path.join(folder, name), 'wb') as f:
        f.write(data)
    size = struct.unpack('>II', data[16:24])
    with open(os.path.join(folder, f'generated_{stamp}.json'), 'w') as f:
        json.dump({'filename': name, 'created_at': created.isoformat(timespec='microseconds'),
                   **({'width': size[0], 'height': size[1]} if FULL else {}),
                   'metadata': {'prompt': prompt, 'negative_prompt': 'bad quality, blurry',
                                'width': 768, 'height': 768, 'steps': 20, 'cfg_scale': 7.5,
                                'sampler_name': 'DPM++ 2M Karras', 'model': model, 'source': 'manual'}}, f)

def main():
    folder, count = sys.argv[1], int(sys.argv[2])
    os.makedirs(folder, exist_ok=True)
    random.seed(42)
    tiny = [png(8, 8, False) for _ in range(16)]
    start = datetime(2025, 10, 29, 10, 15, 30)
    for i in range(count):
        created = start - timedelta(minutes=i)
        words = random.sample(WORDS, 4)
        if i % 33 == 0:
            words.append('lighthouse')  # the search scenario's term: about 3% of prompts
        write(folder, created.strftime('%Y%m%d_%H%M%S'), tiny[i % 16], ' '.join(words),
              MODELS[i % 3], created.replace(microsecond=random.randrange(1000000)))
    write(folder, '20251130_000000_big', png(768, 768, True), 'big noise', 'sdxl', datetime(2025, 11, 30))
    write(folder, '20251130_000000_small', png(120, 110, True), 'small noise', 'sdxl', datetime(2025, 11, 30))
    print(f'{count} seed images + 2 GET images in {folder}')

main()
