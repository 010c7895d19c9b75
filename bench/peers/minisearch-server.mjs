// MiniSearch behind a small HTTP server answering /api/search?q=...&limit=N as JSON, the peer for
// the keyword /api/search load test. 127.0.0.1 only.
//   node minisearch-server.mjs COLLECTION_DIR [PORT]     (default port 7072)
import http from 'node:http';
import { buildIndex } from './minisearch-common.mjs';

const [collection, port = '7072'] = process.argv.slice(2);
const { index, docs, ms } = await buildIndex(collection);

http.createServer((request, response) => {
  const url = new URL(request.url, 'http://127.0.0.1');
  if (url.pathname === '/api/health') {
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify({ status: 'ok', documents: docs }));
    return;
  }
  if (url.pathname !== '/api/search' || !url.searchParams.get('q')) {
    response.writeHead(400, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify({ error: 'bad_request', message: 'GET /api/search?q=...' }));
    return;
  }
  const limit = Math.min(50, Number(url.searchParams.get('limit') || 10));
  const results = index.search(url.searchParams.get('q'));
  const hits = results.slice(0, limit).map(r => ({ id: r.id, score: r.score, title: r.title, text: r.text, terms: r.terms }));
  response.writeHead(200, { 'Content-Type': 'application/json' });
  response.end(JSON.stringify({ total: results.length, hits }));
}).listen(Number(port), '127.0.0.1', () => {
  console.log(`minisearch: ${docs} documents indexed in ${ms.toFixed(0)} ms; serving http://127.0.0.1:${port}/`);
});
