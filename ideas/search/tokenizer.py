"""Language-neutral tokenizer shared by the index, the search queries and the similarity check.

Both database backends receive text that is already tokenized here, so SQLite (FTS5) and
PostgreSQL (tsvector, ``simple`` configuration) see exactly the same tokens and nothing depends
on a database-side Korean analyser.

* Text is NFKC-normalised and lower-cased; only letters and digits survive.
* Runs of Hangul, Han characters and kana ("CJK runs") become overlapping character
  bigrams, plus the last character of the run on its own. Every character of a run is
  therefore the first character of some token, so a one-character query ``X`` is answered by
  the prefix query ``X*``, and a longer query becomes the AND of its bigrams: "마스크" is
  "마스" AND "스크", which finds "공적마스크를".
* Other words (Latin, Cyrillic, digits, ...) give their English Snowball stem plus the raw
  word when it differs, so "clinics" finds "clinic" (same stem) and a prefix query on the
  raw word ("vaccinat*") still works.
"""

import re
import unicodedata
import zlib
from collections import Counter
from functools import lru_cache
from heapq import nsmallest

import snowballstemmer

# Hangul (syllables, jamo, compatibility jamo), kana, CJK ideographs.
_CJK = "\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3\uf900-\ufaff"
_RUN_RE = re.compile(rf"([{_CJK}]+)|([^\W_{_CJK}]+)")
_NON_WORD_RE = re.compile(r"[\W_]+")

MAX_WORD_LENGTH = 40  # longer "words" are noise (hashes, URLs glued together) and are not indexed
MAX_QUERY_CHARS = 300  # a search box query longer than this is cut
MAX_QUERY_GROUPS = 12  # at most this many AND-ed terms in a search query

# Very common English words: left out of search queries (an AND with "the" only hurts) and of
# similarity features. They stay in the index.
_STOPWORDS = """a about above after again against all am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had
    has have having he her here hers herself him himself his how i if in into is it its itself just
    me more most my myself no nor not now of off on once only or other our ours ourselves out over
    own same she should so some such than that the their theirs them themselves then there these
    they this those through to too under until up very was we were what when where which while who
    whom why will with would you your yours yourself yourselves"""
ENGLISH_STOPWORDS = frozenset(_STOPWORDS.split())

_stemmer = snowballstemmer.stemmer("english")


@lru_cache(maxsize=200_000)
def stem(word):
    """English Snowball stem of a lower-case word (cached: the pure-Python stemmer is slow)."""
    if not word.isascii() or word.isdigit():
        return word
    return _stemmer.stemWord(word)


def normalize(text):
    return unicodedata.normalize("NFKC", text or "").lower()


def _runs(text):
    """Yield (is_cjk, run) for each run of letters/digits of the normalised text."""
    for match in _RUN_RE.finditer(normalize(text)):
        cjk, word = match.groups()
        if cjk:
            yield True, cjk
        elif len(word) <= MAX_WORD_LENGTH:
            yield False, word


def index_tokens(text):
    """Tokens stored in the index for ``text``, in order, with repeats."""
    tokens = []
    append = tokens.append
    for is_cjk, run in _runs(text):
        if is_cjk:
            tokens.extend(run[i : i + 2] for i in range(len(run) - 1))
            append(run[-1])
        else:
            stemmed = stem(run)
            append(stemmed)
            if stemmed != run:
                append(run)
    return tokens


def unique(tokens):
    """The tokens without repeats, first occurrence first."""
    return list(dict.fromkeys(tokens))


def feature_tokens(text):
    """Counter of the tokens that carry meaning for similarity.

    Bigrams of CJK runs (the run itself when it is one character long) and stems of other
    words, without English stop words. Every feature token is also an index token.
    """
    counts = Counter()
    for is_cjk, run in _runs(text):
        if is_cjk:
            if len(run) == 1:
                counts[run] += 1
            else:
                counts.update(run[i : i + 2] for i in range(len(run) - 1))
        elif run not in ENGLISH_STOPWORDS:
            counts[stem(run)] += 1
    return counts


def query_groups(query):
    """Parse a search box query into AND-ed groups of alternatives.

    Returns a list of groups; each group is a tuple of ``(token, is_prefix)`` alternatives of
    which one must match. Nothing the user typed is passed on as query syntax: operators,
    quotes and other punctuation are simply separators.
    """
    runs = list(_runs((query or "")[:MAX_QUERY_CHARS]))
    if not runs:
        return []
    if not all(not is_cjk and run in ENGLISH_STOPWORDS for is_cjk, run in runs):
        # Drop stop words unless the query is made of nothing else.
        last = runs[-1]
        runs = [r for r in runs if r[0] or r[1] not in ENGLISH_STOPWORDS or r is last]
    groups = []
    for position, (is_cjk, run) in enumerate(runs):
        is_last = position == len(runs) - 1
        if is_cjk:
            if len(run) == 1:
                groups.append(((run, True),))
            else:
                groups.extend(((run[i : i + 2], False),) for i in range(len(run) - 1))
        else:
            stemmed = stem(run)
            if is_last:
                # The last word may still be being typed: also accept it as a prefix.
                groups.append(((stemmed, False), (run, True)) if stemmed != run else ((run, True),))
            else:
                groups.append(((stemmed, False),))
    # Repeated groups add nothing; keep the first occurrence, and cap the number of groups.
    return list(dict.fromkeys(groups))[:MAX_QUERY_GROUPS]


# --- Near-duplicate sketch ------------------------------------------------------------------
SHINGLE = 5  # characters per shingle, on letters and digits only
SKETCH_SIZE = 64  # hashes kept (bottom-k MinHash)
SKETCH_MAX_CHARS = 5000  # the first this many letters and digits are shingled (index and query alike)


def compact(text):
    """Normalised text with only letters and digits (what shingles and title similarity use)."""
    return _NON_WORD_RE.sub("", normalize(text))


def sketch(text):
    """Bottom-k MinHash sketch of the 5-character shingles of ``text``: sorted 32-bit hashes.

    Two sketches estimate the Jaccard similarity of the shingle sets (see ``jaccard``).
    """
    chars = compact((text or "")[: SKETCH_MAX_CHARS * 4])[:SKETCH_MAX_CHARS]
    if not chars:
        return []
    shingles = {chars[i : i + SHINGLE] for i in range(max(1, len(chars) - SHINGLE + 1))}
    crc = zlib.crc32
    return sorted(nsmallest(SKETCH_SIZE, {crc(s.encode()) for s in shingles}))


def sketch_to_bytes(hashes):
    return b"".join(h.to_bytes(4, "big") for h in hashes)


def sketch_from_bytes(data):
    data = bytes(data or b"")
    return [int.from_bytes(data[i : i + 4], "big") for i in range(0, len(data) - 3, 4)]


def jaccard(a, b):
    """Estimated Jaccard similarity of two bottom-k sketches (sorted lists of hashes)."""
    if not a or not b:
        return 0.0
    union = nsmallest(SKETCH_SIZE, set(a) | set(b))
    both = set(a) & set(b)
    return sum(1 for h in union if h in both) / len(union)


def bigrams(text):
    """Set of character bigrams of the compacted text (for title similarity)."""
    chars = compact(text)
    if len(chars) < 2:
        return {chars} if chars else set()
    return {chars[i : i + 2] for i in range(len(chars) - 1)}


# --- Index documents (also run in worker processes by api.rebuild_index: no Django here) ----
def document(title, problem, solution):
    """A proposal's index row: (title tokens, body tokens, sketch bytes)."""
    title_tokens = unique(index_tokens(title))
    body_tokens = unique(index_tokens(f"{problem}\n{solution}"))
    return " ".join(title_tokens), " ".join(body_tokens), sketch_to_bytes(sketch(problem))


def tokenize_chunk(rows):
    """Index rows of (pk, title, problem, solution) and their document frequencies."""
    documents, df, title_df = [], Counter(), Counter()
    for pk, title, problem, solution in rows:
        title_tokens, body_tokens, sketch_bytes = document(title, problem, solution)
        title_set = set(title_tokens.split())
        df.update(title_set | set(body_tokens.split()))
        title_df.update(title_set)
        documents.append((pk, title_tokens, body_tokens, sketch_bytes))
    return documents, df, title_df
