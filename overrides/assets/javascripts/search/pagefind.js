// What Pagefind UI imports as "pagefind.js" (its bundlePath points here): Pagefind's own API,
// with search() keeping only real matches.
//
// When a query word is not in the index, Pagefind falls back to the longest indexed prefix of
// it: "whiplash" finds an author's initial "W.", "vergoeding" finds "verder". A result is kept
// only when, for every word of the query, one of its matched words begins with that word or
// with its Dutch stem (Snowball, as Pagefind stems: lunr's copy, loaded by ../search.js), so
// "behandelingen" still finds "behandeling" and "behand" finds "behandelvormen".
import * as pagefind from "../../../pagefind/pagefind.js";

export const { options, preload, filters, mergeIndex, destroy, init } = pagefind;

const NOT_WORD = /[^\p{L}\p{N}]+/gu;

function fold(text) {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

function dutchStem(word) {
  return globalThis.lunr.nl.stemmer(word);
}

// A query word as Pagefind reads it: "contra-indicaties" is one word, "contraindicaties".
export function queryWords(term) {
  return fold(term)
    .split(/\s+/)
    .map((word) => word.replace(NOT_WORD, ""))
    .filter(Boolean);
}

// The forms a matched word of the text is found by: "(www.upledger.nl)." by "upledger" too.
function forms(word) {
  const folded = fold(word);
  return [folded.replace(NOT_WORD, ""), ...folded.split(NOT_WORD)].filter(Boolean);
}

export function isRealMatch(data, words) {
  const text = data.content.split(/[\r\n\s]+/g);
  const matched = data.locations.flatMap((location) => forms(text[location] ?? ""));
  return words.every((word) => {
    const beginnings = [word, dutchStem(word)];
    return matched.some((found) => beginnings.some((start) => found.startsWith(start)));
  });
}

// Every result's data is loaded to judge it (Pagefind caches it for the UI): the count the UI
// shows is then the count of real matches.
export async function search(term, searchOptions) {
  const found = await pagefind.search(term, searchOptions);
  const words = queryWords(term ?? "");
  if (!found || !found.results || !words.length) return found;
  const data = await Promise.all(found.results.map((result) => result.data()));
  const results = found.results.filter((_, index) => isRealMatch(data[index], words));
  return { ...found, results };
}
