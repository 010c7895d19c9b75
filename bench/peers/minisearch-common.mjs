// The MiniSearch index both peer scripts use: the MedQuAD paragraphs of a BEIR-format collection
// (title = the guide's topic, text = the paragraph), MiniSearch's default options and ranking.
import fs from 'node:fs';
import readline from 'node:readline';
import MiniSearch from 'minisearch';

export async function readJsonl(file) {
  const rows = [];
  const lines = readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim()) rows.push(JSON.parse(line));
  }
  return rows;
}

export async function buildIndex(collection) {
  const docs = await readJsonl(`${collection}/corpus.jsonl`);
  const started = process.hrtime.bigint();
  const index = new MiniSearch({ idField: '_id', fields: ['title', 'text'], storeFields: ['title', 'text'] });
  index.addAll(docs);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  return { index, docs: docs.length, ms };
}
