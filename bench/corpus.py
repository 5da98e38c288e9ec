"""Generate a synthetic scrape corpus with planted near-duplicates of known similarity.

    python bench/corpus.py OUT_DIR --files 2000 --seed 7

Everything is invented here (a syllable language with English function words),
and the output is a pure function of (files, seed): the same arguments give
byte-identical corpora. Alongside the text files, `OUT_DIR/truth.json` lists:

- `dups`: pairs of paragraphs (file, paragraph number) that a news editor
  would call the same paragraph, with how the copy was made and its exact word
  5-gram Jaccard on copydesk's matching form (what "heavily edited" means in
  the issue: 0.3-0.5);
- `templates`: pairs of paragraphs written from one template with different
  facts (other numbers, other names), which must not be linked.

What is planted:
- syndicated copies of earlier articles on other sites, edited at a drawn
  intensity: words substituted, inserted and deleted, typos, sentences split
  off or merged into the next paragraph, paragraphs dropped, mojibake (UTF-8
  read as cp1252) over the whole file;
- bodies captured twice inside one file;
- site furniture repeated in every article of a site ("Advertisement", a
  footer line, share prompts) and headline lists;
- template paragraphs (market moves, results, weather) in unrelated articles.

Paragraph numbers count non-blank lines, which is how copydesk numbers blocks
of one-paragraph-per-line scrapes.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import re
import sys

FUNCTION = [
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "is",
    "that",
    "for",
    "on",
    "was",
    "with",
    "as",
    "by",
    "at",
    "from",
    "it",
    "he",
    "she",
    "they",
    "his",
    "her",
    "their",
    "has",
    "had",
    "have",
    "been",
    "were",
    "be",
    "will",
    "would",
    "said",
    "says",
    "after",
    "before",
    "over",
    "about",
    "into",
    "than",
    "more",
    "most",
    "some",
    "any",
    "all",
    "this",
    "these",
    "those",
    "which",
    "who",
    "when",
    "where",
    "while",
    "also",
    "but",
    "not",
    "no",
    "new",
    "one",
    "two",
    "three",
    "first",
    "last",
    "year",
    "years",
    "week",
    "day",
    "people",
    "government",
    "officials",
    "company",
    "city",
    "country",
    "state",
    "police",
    "report",
    "told",
    "statement",
    "according",
    "could",
    "should",
    "may",
    "might",
    "under",
    "between",
    "during",
    "against",
    "through",
    "since",
    "until",
    "because",
    "there",
    "here",
    "now",
    "then",
    "just",
    "only",
    "other",
    "such",
    "many",
    "much",
    "very",
    "well",
    "still",
    "even",
    "back",
    "made",
    "make",
    "take",
    "took",
]
SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ra",
    "te",
    "su",
    "vo",
    "ne",
    "pa",
    "di",
    "ar",
    "en",
    "ol",
    "is",
    "um",
    "ba",
    "ko",
    "re",
    "sa",
    "tu",
    "vi",
    "ze",
    "ga",
    "lu",
    "mo",
    "ni",
    "po",
    "ri",
    "se",
    "ta",
    "ve",
    "do",
    "fa",
    "ge",
    "hi",
    "ja",
    "ke",
    "la",
    "me",
    "no",
    "pe",
    "qui",
    "ro",
    "si",
    "tor",
    "ul",
    "va",
    "wo",
    "xa",
    "yo",
    "zu",
]
ACCENTED = "éèàüöçñíóáâê"
SITES = [f"site{k:02d}" for k in range(24)]
FURNITURE = [
    "Advertisement",
    "Share this article",
    "Sign up for our morning newsletter",
    "Read more",
    "Follow us on social media",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
UP = ["rose", "gained", "climbed", "jumped", "advanced"]
DOWN = ["fell", "dropped", "slipped", "declined", "eased"]

# Templates: fixed wording, slots for facts. Two instances share the wording and differ in facts.
TEMPLATES = [
    "Shares of {org} {move} {n} pct to {price} dlrs in {city} trading on {day}, after the "
    "company said its quarterly results would be released later in the month.",
    "{org} said net profit for the quarter {move} {n} pct to {big} million dlrs, compared "
    "with {big2} million dlrs a year earlier, on revenue of {big3} million dlrs.",
    "The {org} index {move} {n} points, or {pct} pct, to close at {big} on {day}, with "
    "traders in {city} citing thin volumes ahead of the holiday.",
    "{name} scored twice as {org} beat {org2} {n} to {n2} in front of {big} fans in {city} "
    "on {day} night, lifting them to {n3} points from {n4} games.",
    "Temperatures in {city} are expected to reach {n} degrees on {day}, with winds of up to "
    "{n2} kilometres an hour and a {n3} percent chance of rain, the {org} weather service said.",
    "Police in {city} said a {n}-year-old man was arrested on {day} in connection with the "
    "incident, and that {n2} other people were being questioned by officers from {org}.",
    "{org} will cut {big} jobs over the next {n} years as part of a plan to save {big2} "
    "million dlrs, chief executive {name} told reporters in {city} on {day}.",
    "The {org} central bank kept its benchmark rate at {pct} percent on {day}, as expected "
    "by {n} of the {n2} economists polled, governor {name} said in {city}.",
]
# Fixed sentences some templates carry: long fixed wording makes template pairs look alike.
TEMPLATE_TAILS = [
    "",
    "",
    " Analysts had expected a smaller change, and the company declined to comment further.",
    "",
    " The service said conditions would improve by the end of the week across the region.",
    " Officers asked anyone with information about the incident to contact them as soon as "
    "possible, and said the investigation was continuing.",
    " The company said the plan had been approved by its board of directors and would be "
    "presented to employees and their representatives in the coming days.",
    " The decision was in line with market expectations, and the bank said it would keep "
    "watching inflation closely before making any change to its policy.",
]


class Speaker:
    """An invented language: Zipf-distributed content words, real function words, names."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.words = sorted({self._word(rng.randint(2, 4)) for _ in range(6000)})
        rng.shuffle(self.words)
        self.cum_weights = list(
            itertools.accumulate(1.0 / (k + 10) for k in range(len(self.words)))
        )
        names = set()
        while len(names) < 3000:
            name = self._word(rng.randint(2, 3))
            if rng.random() < 0.15:  # accented names: mojibake has something to break
                k = rng.randrange(len(name))
                name = name[:k] + rng.choice(ACCENTED) + name[k + 1 :]
            names.add(name.capitalize())
        self.names = sorted(names)
        self.cities = self.names[:80]
        self.last_slots: dict[int, dict[str, str]] = {}

    def _word(self, syllables: int) -> str:
        return "".join(self.rng.choice(SYLLABLES) for _ in range(syllables))

    def content(self) -> str:
        return self.rng.choices(self.words, cum_weights=self.cum_weights)[0]

    def fact(self) -> str:
        r = self.rng.random()
        if r < 0.35:
            return f"{self.rng.choice(self.names)} {self.rng.choice(self.names)}"
        if r < 0.55:
            return self.rng.choice(self.names)
        if r < 0.75:
            return str(self.rng.randint(2, 999))
        if r < 0.9:
            return f"{self.rng.randint(1, 99)}.{self.rng.randint(10, 99)}"
        return f"{self.rng.randint(1, 40)},{self.rng.randint(100, 999)}"

    def sentence(self) -> str:
        rng = self.rng
        n = rng.randint(7, 24)
        words = []
        for _ in range(n):
            words.append(rng.choice(FUNCTION) if rng.random() < 0.45 else self.content())
        for _ in range(rng.choice((0, 1, 1, 2, 2, 3))):
            words.insert(rng.randrange(1, len(words)), self.fact())
        text = " ".join(words)
        if rng.random() < 0.12:
            name = rng.choice(self.names)
            text = f"“{text.capitalize()},” {name} said"
        elif rng.random() < 0.1:
            k = text.find(" ", len(text) // 2)
            if k > 0:
                text = text[:k] + " — " + text[k + 1 :]
        return text[0].upper() + text[1:] + "."

    def paragraph(self) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.choice((1, 1, 2, 2, 3, 4))))

    def headline(self) -> str:
        return " ".join(self.content().capitalize() for _ in range(self.rng.randint(4, 9)))

    def template(self, k: int) -> str:
        rng = self.rng
        fresh = {
            "org": f"{rng.choice(self.names)} {rng.choice(('Corp', 'Group', 'Holdings'))}",
            "org2": rng.choice(self.names),
            "name": f"{rng.choice(self.names)} {rng.choice(self.names)}",
            "city": rng.choice(self.cities),
            "day": rng.choice(DAYS),
            "move": rng.choice(UP + DOWN),
            "n": str(rng.randint(2, 60)),
            "n2": str(rng.randint(2, 60)),
            "n3": str(rng.randint(2, 60)),
            "n4": str(rng.randint(2, 60)),
            "pct": f"{rng.randint(0, 9)}.{rng.randint(10, 99)}",
            "price": f"{rng.randint(5, 200)}.{rng.randint(10, 99)}",
            "big": f"{rng.randint(1, 99)},{rng.randint(100, 999)}",
            "big2": str(rng.randint(100, 999)),
            "big3": str(rng.randint(1000, 9999)),
        }
        # Names, places and days sometimes stay (the same company on another day); numbers never.
        last = self.last_slots.get(k, {})
        slots = {
            key: last[key]
            if key in last and key in ("org", "city", "day", "name") and rng.random() < 0.3
            else value
            for key, value in fresh.items()
        }
        self.last_slots[k] = slots
        return TEMPLATES[k].format(**slots) + TEMPLATE_TAILS[k]


# --- editing a copy ------------------------------------------------------------------------


def _is_fact(word: str) -> bool:
    return word[:1].isupper() or any(c.isdigit() for c in word)


def typo(rng: random.Random, word: str) -> str:
    if len(word) < 4 or not word.isalpha():
        return word
    k = rng.randrange(1, len(word) - 1)
    op = rng.random()
    if op < 0.4:
        return word[:k] + word[k + 1] + word[k] + word[k + 2 :]
    if op < 0.7:
        return word[:k] + word[k + 1 :]
    return word[:k] + word[k] + word[k:]


def edit_words(rng: random.Random, speaker: Speaker, text: str, rate: float) -> str:
    """Substitute, delete or insert words (editors keep facts) and add typos (to anything)."""
    out = []
    for word in text.split(" "):
        r = rng.random()
        core = word.strip(".,“”—")
        if r < rate and core and not _is_fact(core):
            op = rng.random()
            if op < 0.6:
                out.append(word.replace(core, speaker.content()))
            elif op < 0.8:
                if word[-1:] == ".":
                    out.append(word)
                continue
            else:
                out.append(word)
                out.append(speaker.content())
            continue
        if r > 1 - rate / 4:
            word = word.replace(core, typo(rng, core)) if core else word
        out.append(word)
    return " ".join(out)


SENTENCE_END = re.compile(r"(?<=[.”])\s+(?=[A-Z“])")


def syndicate(
    rng: random.Random, speaker: Speaker, paras: list[str], rate: float
) -> tuple[list[str], list[list[int]]]:
    """An edited copy of `paras`, and for each copy paragraph the source paragraphs it holds."""
    out: list[str] = []
    origin: list[list[int]] = []
    i = 0
    while i < len(paras):
        r = rng.random()
        if r < 0.06 and len(paras) > 3:  # dropped
            i += 1
            continue
        text = edit_words(rng, speaker, paras[i], rate)
        if r < 0.14 and i + 1 < len(paras):  # merged with the next one
            text = text + " " + edit_words(rng, speaker, paras[i + 1], rate)
            out.append(text)
            origin.append([i, i + 1])
            i += 2
            continue
        sentences = SENTENCE_END.split(text)
        if r < 0.24 and len(sentences) >= 2:  # split in two
            k = rng.randrange(1, len(sentences))
            out.append(" ".join(sentences[:k]))
            origin.append([i, -1])
            out.append(" ".join(sentences[k:]))
            origin.append([i, -1])
        else:
            out.append(text)
            origin.append([i])
        i += 1
    return out, origin


def mojibake(text: str) -> str:
    """UTF-8 bytes read as cp1252: what a misconfigured scraper stores."""
    return text.encode("utf-8").decode("cp1252", errors="replace")


# --- the corpus ----------------------------------------------------------------------------


def word_5gram_jaccard(a: str, b: str, tokens) -> float:
    def grams(t: list[str]) -> set[tuple[str, ...]]:
        if len(t) < 5:
            return {tuple(t)}
        return {tuple(t[k : k + 5]) for k in range(len(t) - 4)}

    x, y = grams(tokens(a)), grams(tokens(b))
    return len(x & y) / len(x | y) if x | y else 1.0


def generate(files: int, seed: int, truth_pairs: bool = True):
    """Yield (relative path, text) and fill the truth lists (when asked) as it goes."""
    rng = random.Random(seed)
    speaker = Speaker(rng)
    truth: dict = {"dups": [], "templates": []}
    from functools import lru_cache

    from copydesk.core.fingerprint import tokens_of

    tokens_of = lru_cache(maxsize=4096)(tokens_of)

    originals: list[tuple[str, list[str]]] = []  # (path, body paragraphs) of copyable articles
    template_seen: dict[int, list[tuple[str, int, str]]] = {}
    for k in range(files):
        site = SITES[rng.randrange(len(SITES))]
        path = f"{site}/{k // 1000:03d}/article{k:06d}.txt"
        r = rng.random()
        copy_of = None
        if originals and r < 0.3:
            copy_of = originals[rng.randrange(max(0, len(originals) - 400), len(originals))]
        lines = [speaker.headline(), f"By {rng.choice(speaker.names)} {rng.choice(speaker.names)}"]
        body: list[str] = []
        origin: list[list[int]] = []
        templated: list[tuple[int, int]] = []  # (body index, template number)
        if copy_of is not None:
            band = rng.random()
            rate = 0.01 if band < 0.3 else 0.04 if band < 0.55 else 0.07 if band < 0.8 else 0.1
            body, origin = syndicate(rng, speaker, copy_of[1], rate)
        else:
            for _ in range(rng.randint(4, 14)):
                if rng.random() < 0.08:
                    t = rng.randrange(len(TEMPLATES))
                    templated.append((len(body), t))
                    body.append(speaker.template(t))
                else:
                    body.append(speaker.paragraph())
                origin.append([])
        twice = copy_of is None and rng.random() < 0.04
        out_body_lines: list[tuple[int, str]] = []
        for text in body:
            if rng.random() < 0.15:
                lines.append("Advertisement")
            out_body_lines.append((len(lines), text))
            lines.append(text)
        if twice:
            for j, text in enumerate(list(body)):
                second = edit_words(rng, speaker, text, 0.02) if rng.random() < 0.5 else text
                lines.append(second)
                if truth_pairs:
                    truth["dups"].append(
                        {
                            "a": [path, out_body_lines[j][0] + 1],
                            "b": [path, len(lines)],
                            "how": "captured-twice",
                            "j5": round(word_5gram_jaccard(text, second, tokens_of), 4),
                        }
                    )
        lines.append(rng.choice(FURNITURE[1:]))
        lines.append(f"© 2024 {site}. All rights reserved.")
        text_out = "\n".join(lines) + "\n"
        if copy_of is not None and rng.random() < 0.1:
            text_out = mojibake(text_out)
        if truth_pairs:
            if copy_of is not None:
                for j, sources in enumerate(origin):
                    how = "syndicated"
                    if len(sources) == 2:
                        how = "syndicated-split" if sources[1] < 0 else "syndicated-merged"
                    for s in sources:
                        if s < 0:
                            continue
                        src_path, src_body, _ = copy_of
                        truth["dups"].append(
                            {
                                "a": [src_path, copy_of[2][s] + 1],
                                "b": [path, out_body_lines[j][0] + 1],
                                "how": how,
                                "j5": round(word_5gram_jaccard(src_body[s], body[j], tokens_of), 4),
                            }
                        )
            for j, t in templated:
                for other_path, other_line, other_text in template_seen.get(t, [])[-30:]:
                    truth["templates"].append(
                        {
                            "a": [other_path, other_line + 1],
                            "b": [path, out_body_lines[j][0] + 1],
                            "j5": round(word_5gram_jaccard(other_text, body[j], tokens_of), 4),
                        }
                    )
                template_seen.setdefault(t, []).append((path, out_body_lines[j][0], body[j]))
        if copy_of is None:
            originals.append((path, body, [line for line, _ in out_body_lines]))
        yield path, text_out
    generate.truth = truth  # type: ignore[attr-defined]


def write_corpus(out: str, files: int, seed: int, truth_pairs: bool = True) -> dict:
    total_bytes = 0
    paragraphs = 0
    for rel, text in generate(files, seed, truth_pairs):
        target = os.path.join(out, rel)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        data = text.encode("utf-8")
        with open(target, "wb") as fh:
            fh.write(data)
        total_bytes += len(data)
        paragraphs += text.count("\n")
    meta = {"files": files, "seed": seed, "bytes": total_bytes, "paragraphs": paragraphs}
    with open(os.path.join(out, "truth.json"), "w", encoding="utf-8") as fh:
        json.dump({"meta": meta, **generate.truth}, fh)  # type: ignore[attr-defined]
    return meta


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out")
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-truth", action="store_true", help="skip truth pairs (large runs)")
    args = parser.parse_args(argv)
    meta = write_corpus(args.out, args.files, args.seed, not args.no_truth)
    print(json.dumps(meta), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
