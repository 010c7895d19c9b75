// MiniSearch's default ranking on a BEIR-format collection: nDCG@10 and success@1 over the queries
// of a split, with binary relevance as the MedQuAD collection has.
//   node minisearch-quality.mjs COLLECTION_DIR [SPLIT]     (default split test)
import fs from 'node:fs';
import { buildIndex, readJsonl } from './minisearch-common.mjs';

const [collection, split = 'test'] = process.argv.slice(2);
const { index, docs, ms } = await buildIndex(collection);
const relevant = new Map();
for (const line of fs.readFileSync(`${collection}/qrels/${split}.tsv`, 'utf8').split('\n').slice(1)) {
  const [query, doc, grade] = line.split('\t');
  if (query && Number(grade) > 0) {
    if (!relevant.has(query)) relevant.set(query, new Set());
    relevant.get(query).add(doc);
  }
}
const queries = (await readJsonl(`${collection}/queries.jsonl`)).filter(q => relevant.has(q._id));
let ndcg = 0;
let success1 = 0;
const started = process.hrtime.bigint();
for (const query of queries) {
  const wanted = relevant.get(query._id);
  const top = index.search(query.text).slice(0, 10).map(r => r.id);
  let dcg = 0;
  top.forEach((id, rank) => { if (wanted.has(id)) dcg += 1 / Math.log2(rank + 2); });
  let ideal = 0;
  for (let rank = 0; rank < Math.min(10, wanted.size); rank++) ideal += 1 / Math.log2(rank + 2);
  ndcg += dcg / ideal;
  if (top.length && wanted.has(top[0])) success1 += 1;
}
const searchMs = Number(process.hrtime.bigint() - started) / 1e6;
console.log(`minisearch on ${collection} (${split}): ${docs} documents indexed in ${ms.toFixed(0)} ms;`
  + ` ${queries.length} queries in ${searchMs.toFixed(0)} ms;`
  + ` nDCG@10 ${(ndcg / queries.length).toFixed(4)}, success@1 ${(success1 / queries.length).toFixed(4)}`);
