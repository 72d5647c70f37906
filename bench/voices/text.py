"""Text helpers: the passage, normalised words, and the word alignment that recall counts."""
import re

ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def number_words(n):
    """English words for 0-999 (the passages spell numbers out; this covers a recogniser writing digits)."""
    if n < 20:
        return ONES[n]
    if n < 100:
        return TENS[n // 10] + ("" if n % 10 == 0 else " " + ONES[n % 10])
    rest = n % 100
    return ONES[n // 100] + " hundred" + ("" if rest == 0 else " " + number_words(rest))


def words(text):
    """Lowercase words: punctuation stripped (apostrophes inside words kept), digits as words,
    recogniser tags such as <sil> or [noise] dropped."""
    text = re.sub(r"<[^>]*>|\[[^\]]*\]|\([0-9]+\)", " ", text.lower())
    text = re.sub(r"\d+", lambda m: " " + number_words(int(m.group())) + " " if len(m.group()) <= 3 else m.group(), text)
    text = re.sub(r"[^\w' ]+", " ", text)
    return [w.strip("'") for w in text.split() if w.strip("'")]


def sentences(path):
    with open(path, encoding="utf-8") as f:
        return [line.strip() for line in f if line.strip()]


def matched_words(reference, hypothesis):
    """Reference words matched in a minimum-edit-distance alignment (substitutions, deletions
    and insertions cost 1; ties broken towards more matches): the hits of a WER alignment."""
    n, m = len(reference), len(hypothesis)
    # cost[i][j], hits[i][j]: best (edits, -hits) aligning reference[:i] with hypothesis[:j].
    cost = [[0] * (m + 1) for _ in range(n + 1)]
    hits = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n + 1):
        cost[i][0] = i
    for j in range(m + 1):
        cost[0][j] = j
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            same = reference[i - 1] == hypothesis[j - 1]
            options = [
                (cost[i - 1][j - 1] + (0 if same else 1), -(hits[i - 1][j - 1] + (1 if same else 0))),
                (cost[i - 1][j] + 1, -hits[i - 1][j]),
                (cost[i][j - 1] + 1, -hits[i][j - 1]),
            ]
            c, h = min(options)
            cost[i][j], hits[i][j] = c, -h
    return hits[n][m], cost[n][m]
