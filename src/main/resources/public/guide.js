'use strict';
// Marks the passage a search result linked to, including every element of a passage
// that spans several (a list and the sentence introducing it), and scrolls it into view.
function markArrival() {
  document.querySelectorAll('.arrived').forEach((el) => el.classList.remove('arrived'));
  const anchor = decodeURIComponent(location.hash.slice(1));
  if (!anchor) return;
  const parts = document.querySelectorAll('[data-passage="' + CSS.escape(anchor) + '"]');
  parts.forEach((el) => el.classList.add('arrived'));
  if (parts.length > 0) {
    parts[0].setAttribute('tabindex', '-1');
    parts[0].focus({ preventScroll: true });
    parts[0].scrollIntoView({ block: 'center' });
  }
}
window.addEventListener('hashchange', markArrival);
markArrival();
