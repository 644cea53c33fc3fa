/*
 * Chinese-aware text for SQLite FTS5. Chinese is written without spaces, so the
 * standard tokenizers see a whole sentence as one token. We index overlapping character
 * pairs (bigrams) of every run of CJK characters, and words for Latin letters and digits:
 * "排污许可" → "排污 污许 许可". A query becomes the same pairs as an FTS5 phrase, so a
 * two-character word is a single token and longer words must appear contiguously.
 * Pure: no I/O.
 */
const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/u;
// The second alternative excludes CJK characters (which are letters too): otherwise
// "3日内整改" or "VOCs排放" would be read as one Latin word and the Chinese in it
// could never be found.
const RUN = /([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+)|((?:(?![\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])[\p{L}\p{N}])+)/gu;

function runs(text: string): { cjk: boolean; value: string }[] {
  const out: { cjk: boolean; value: string }[] = [];
  for (const match of text.normalize("NFKC").toLowerCase().matchAll(RUN)) {
    out.push({ cjk: !!match[1], value: match[0] });
  }
  return out;
}

function bigrams(run: string): string[] {
  const chars = [...run];
  if (chars.length === 1) return chars;
  const out: string[] = [];
  for (let i = 0; i < chars.length - 1; i++) out.push(chars[i] + chars[i + 1]);
  return out;
}

/** The indexed body: space-separated tokens. */
export function indexText(...parts: string[]): string {
  return parts
    .flatMap((part) => runs(part))
    .flatMap((run) => (run.cjk ? bigrams(run.value) : [run.value]))
    .join(" ");
}

/**
 * An FTS5 MATCH expression for what a person typed, or null when nothing searchable
 * remains (or the query is a single Chinese character, which pairs cannot find; the
 * caller falls back to a substring match). Every term must match (implicit AND).
 */
export function matchExpression(query: string): string | null {
  const terms: string[] = [];
  for (const run of runs(query)) {
    if (run.cjk) {
      if ([...run.value].length < 2) return null;
      terms.push(`"${bigrams(run.value).join(" ")}"`);
    } else {
      // Latin words and numbers match as prefixes ("gb3095" finds "gb3095-2012").
      terms.push(`"${run.value}"*`);
    }
  }
  return terms.length ? terms.join(" AND ") : null;
}

export function hasCjk(text: string): boolean {
  return CJK.test(text);
}
