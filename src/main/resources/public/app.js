'use strict';
// The search page: questions, suggestions, results, and the provider comparison.
// Text from the API is inserted with textContent; only the snippet, which the
// server escapes and marks with <mark>, is inserted as HTML.

const PAGE_SIZE = 10;
const form = document.getElementById('search-form');
const input = document.getElementById('q');
const suggestions = document.getElementById('suggestions');
const results = document.getElementById('results');
const statusLine = document.getElementById('status');
const didYouMean = document.getElementById('did-you-mean');
const missing = document.getElementById('missing');
const more = document.getElementById('more');

const INSTANT_DELAY_MS = 180;     // results follow the typing once it pauses this long
const INSTANT_MIN_LENGTH = 2;     // one letter is not yet a question

let current = { q: '', offset: 0 };   // the question whose results are shown
let requested = '';                   // the question last asked of the server (first page)
let latest = 0;                       // number of the latest search asked; older answers are dropped
let inFlight = null;                  // aborts the previous search when a newer one is asked
let suggestTimer = null;
let instantTimer = null;

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

async function getJson(url, signal) {
  const response = await fetch(url, { headers: { Accept: 'application/json' }, signal });
  const body = await response.json();
  if (!response.ok) throw new Error(body.message || response.statusText);
  return body;
}

function renderHit(hit) {
  const item = element('li', 'hit');
  item.appendChild(element('p', 'hit-guide', hit.guide.title));
  const crumbs = element('nav', 'breadcrumb');
  crumbs.setAttribute('aria-label', 'Section');
  hit.headingPath.slice(1).forEach((heading, i) => {
    if (i > 0) crumbs.appendChild(element('span', 'sep', ' \u203a '));
    crumbs.appendChild(element('span', 'crumb', heading));
  });
  item.appendChild(crumbs);
  const snippet = element('p', 'snippet');
  snippet.innerHTML = hit.snippet; // escaped by the server, matches in <mark>
  item.appendChild(snippet);
  const link = element('a', 'hit-link', 'Read this in the guide');
  link.href = hit.url;
  item.appendChild(link);
  return item;
}

function renderDidYouMean(body) {
  didYouMean.replaceChildren();
  if (!body.didYouMean) { didYouMean.hidden = true; return; }
  didYouMean.hidden = false;
  didYouMean.appendChild(document.createTextNode(body.corrected
    ? `Nothing matched \u201c${body.query}\u201d. Showing results for ` : 'Did you mean '));
  const suggestion = element('a', 'suggestion', body.didYouMean);
  suggestion.href = '/?q=' + encodeURIComponent(body.didYouMean);
  suggestion.addEventListener('click', (event) => {
    event.preventDefault();
    input.value = body.didYouMean;
    search(body.didYouMean, 0, 'commit');
  });
  didYouMean.appendChild(suggestion);
  didYouMean.appendChild(document.createTextNode(body.corrected ? '.' : '?'));
}

// Words no passage has: the results answer without them, and the reader should know.
function renderMissing(body) {
  missing.hidden = body.total === 0 || body.missing.length === 0;
  missing.replaceChildren();
  if (missing.hidden) return;
  missing.appendChild(document.createTextNode('No passage mentions '));
  body.missing.forEach((word, i) => {
    if (i > 0) missing.appendChild(document.createTextNode(i === body.missing.length - 1 ? ' or ' : ', '));
    missing.appendChild(element('s', 'missing-word', word));
  });
  missing.appendChild(document.createTextNode('; these results answer the rest of the question.'));
}

function clearResults() {
  results.replaceChildren();
  didYouMean.hidden = true;
  missing.hidden = true;
  more.hidden = true;
  statusLine.textContent = '';
  current = { q: '', offset: 0 };
  requested = '';
}

// The URL always holds the question shown, so sharing and reloading work. Typing makes one history
// entry (replaced as the question grows); Enter commits it, so the next typing makes a new one and
// Back returns to this question.
function remember(q, how) {
  const url = q ? '/?q=' + encodeURIComponent(q) : '/';
  if (how === 'commit') {
    history.replaceState({ q, draft: false }, '', url);
  } else if (how === 'draft') {
    if (history.state && history.state.draft) history.replaceState({ q, draft: true }, '', url);
    else history.pushState({ q, draft: true }, '', url);
  }
}

// how: 'draft' (typing), 'commit' (Enter, a correction clicked), 'restore' (back/forward, first load), 'more'
async function search(q, offset, how) {
  q = q.trim();
  if (!q) return;
  const number = ++latest;
  if (inFlight) inFlight.abort();
  inFlight = new AbortController();
  if (offset === 0) requested = q;
  statusLine.textContent = 'Searching\u2026';
  try {
    const body = await getJson(`/api/search?q=${encodeURIComponent(q)}&limit=${PAGE_SIZE}&offset=${offset}`,
      inFlight.signal);
    if (number !== latest) return; // a newer question was asked meanwhile
    current = { q, offset };
    remember(q, how);
    if (offset === 0) results.replaceChildren();
    body.hits.forEach((hit) => results.appendChild(renderHit(hit)));
    renderDidYouMean(body);
    renderMissing(body);
    const count = `${body.total}${body.totalExact ? '' : '+'}`;
    statusLine.textContent = body.total === 0
      ? `Nothing matched \u201c${q}\u201d. Try fewer or different words.`
      : `${count} passage${body.total === 1 ? '' : 's'} found.`;
    const shown = offset + body.hits.length;
    more.hidden = shown >= body.total || shown + PAGE_SIZE > 1000;
  } catch (error) {
    if (error.name === 'AbortError' || number !== latest) return;
    statusLine.textContent = 'Search failed: ' + error.message;
  }
}

// Results as the reader types: once typing pauses, and only when the question changed.
function searchAsTyped() {
  const q = input.value.trim();
  if (q.length < INSTANT_MIN_LENGTH) {
    if (!q && requested) {
      latest++;
      clearResults();
      remember('', 'draft');
    }
    return;
  }
  if (q !== requested) search(q, 0, 'draft');
}

async function suggest() {
  const prefix = input.value.trim();
  if (prefix.length < 2) return;
  try {
    const body = await getJson('/api/suggest?q=' + encodeURIComponent(prefix));
    if (input.value.trim() !== prefix) return; // typed on meanwhile
    suggestions.replaceChildren(...body.suggestions.map((s) => {
      const option = document.createElement('option');
      option.value = s;
      return option;
    }));
  } catch (error) {
    suggestions.replaceChildren();
  }
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  clearTimeout(instantTimer);
  const q = input.value.trim();
  if (q && q === current.q && q === requested) remember(q, 'commit');
  else search(q, 0, 'commit');
});
input.addEventListener('input', () => {
  clearTimeout(suggestTimer);
  suggestTimer = setTimeout(suggest, 150);
  clearTimeout(instantTimer);
  instantTimer = setTimeout(searchAsTyped, INSTANT_DELAY_MS);
});
more.addEventListener('click', () => search(current.q, current.offset + PAGE_SIZE, 'more'));
window.addEventListener('popstate', () => {
  clearTimeout(instantTimer);
  const q = new URLSearchParams(location.search).get('q') || '';
  input.value = q;
  if (q) search(q, 0, 'restore');
  else { latest++; clearResults(); }
});

// Providers -----------------------------------------------------------------

const providerForm = document.getElementById('provider-form');
const providerList = document.getElementById('provider-list');
const providerStatus = document.getElementById('provider-status');
const PRICE_LIMITS = [100, 150, 200];

function providerQuery() {
  const params = new URLSearchParams();
  providerForm.querySelectorAll('input[type=checkbox]:checked').forEach((box) => params.append(box.name, box.value));
  const price = providerForm.querySelector('input[name=maxMonthlyPriceUsd]:checked');
  if (price && price.value) params.append('maxMonthlyPriceUsd', price.value);
  params.append('sort', document.getElementById('sort').value);
  return params;
}

// One label per choice, created once and then only updated: rebuilding them took the keyboard focus
// away from the box a reader had just ticked.
function choiceLabel(fieldset, type, name, value, text) {
  let label = fieldset.querySelector(`label[data-value="${CSS.escape(value)}"]`);
  if (!label) {
    label = element('label', 'facet-value');
    label.dataset.value = value;
    const input = document.createElement('input');
    input.type = type;
    input.name = name;
    input.value = value;
    label.appendChild(input);
    label.appendChild(document.createTextNode(` ${text} `));
    label.appendChild(element('span', 'count'));
    fieldset.appendChild(label);
  }
  return label;
}

function renderCheckboxes(dim, counts, selected) {
  const fieldset = document.getElementById('facet-' + dim);
  counts.forEach(({ value, count }) => {
    const label = choiceLabel(fieldset, 'checkbox', dim, value, value);
    label.querySelector('input').checked = selected.includes(value);
    label.querySelector('.count').textContent = `(${count})`;
  });
}

// Ranges end inclusive, as the filter does, so "Up to $150" counts what ticking it shows.
function renderPrice(ranges, selected) {
  const fieldset = document.getElementById('facet-monthlyPrice');
  const options = [{ value: '', text: 'Any price', count: null }].concat(PRICE_LIMITS.map((limit) => ({
    value: String(limit),
    text: `Up to $${limit}`,
    count: ranges.filter((r) => r.maxUsd !== null && r.maxUsd <= limit).reduce((sum, r) => sum + r.count, 0),
  })));
  options.forEach(({ value, text, count }) => {
    const label = choiceLabel(fieldset, 'radio', 'maxMonthlyPriceUsd', value, text);
    label.querySelector('input').checked = selected === value;
    label.querySelector('.count').textContent = count === null ? '' : `(${count})`;
  });
}

function renderProvider(provider) {
  const item = element('li', 'provider');
  item.appendChild(element('h3', null, provider.name));
  const facts = element('dl', 'facts');
  const fact = (term, value) => {
    facts.appendChild(element('dt', null, term));
    facts.appendChild(element('dd', null, value));
  };
  fact('Suitability for TRD', provider.trdSuitability);
  fact('Dose flexibility', provider.doseFlexibility);
  fact('Monthly price', provider.monthlyPriceUsd === null ? 'Not stated in the guide' : `$${provider.monthlyPriceUsd}`);
  item.appendChild(facts);
  if (provider.notes) item.appendChild(element('p', 'notes', provider.notes));
  return item;
}

let latestProviders = 0;

async function loadProviders() {
  const params = providerQuery();
  const number = ++latestProviders;
  providerStatus.textContent = 'Loading\u2026';
  try {
    const body = await getJson('/api/providers?' + params.toString());
    if (number !== latestProviders) return; // the reader changed the choices meanwhile
    renderCheckboxes('trdSuitability', body.facets.trdSuitability, params.getAll('trdSuitability'));
    renderCheckboxes('doseFlexibility', body.facets.doseFlexibility, params.getAll('doseFlexibility'));
    renderPrice(body.facets.monthlyPrice, params.get('maxMonthlyPriceUsd') || '');
    providerList.replaceChildren(...body.providers.map(renderProvider));
    providerStatus.textContent = body.total === 0
      ? 'No provider matches these choices.'
      : `${body.total} provider${body.total === 1 ? '' : 's'}.`;
  } catch (error) {
    if (number === latestProviders) providerStatus.textContent = 'Could not load providers: ' + error.message;
  }
}

providerForm.addEventListener('change', loadProviders);
providerForm.addEventListener('submit', (event) => event.preventDefault());

const initial = new URLSearchParams(location.search).get('q');
if (initial) {
  input.value = initial;
  search(initial, 0, 'restore');
}
loadProviders();
