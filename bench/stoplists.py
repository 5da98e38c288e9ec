"""Write `core/stopwords/stopwords.json`: function words of languages without a rule pack.

    python bench/stoplists.py [--sdist PATH] [--words 100]

The line model reads a line's stopword density, and language detection counts stopwords.
A rule pack brings its language's stopwords; a page in any other language used to be read
through every pack's list, which its prose barely touches (Polish shares "a", "i", "do").
jusText's stoplists (BSD licence, (c) 2011 Jan Pomikalek, 2013 Michal Belica) hold, for
100 languages, the most frequent words of that language's Wikipedia, most frequent first:
their heads are the function words. This script takes the first `--words` distinct
lower-case words of each list (one token each, as `language.tokens_of` reads them), for
the languages below, and writes them with the licence notice.

Without --sdist it downloads the jusText source distribution with pip (the registry is the
only network this needs).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

JUSTEXT = "justext==3.0.2"
# jusText's list name -> ISO 639 code. Left out: the other languages that have a rule pack
# (their pack's own list is used), Simple English, and the Wikipedias written mostly by bots
# or in a variant of a listed language (Cebuano, Waray-Waray, Volapük, Nynorsk,
# Serbo-Croatian, Belarusian Taraškievica...), whose lists are not a language's running text.
# English has a pack, and its list is not read when pages are cleaned: `bench/train_lines.py
# --packless` reads the dev set's English pages through it, as a page in a language without
# a pack is read, to train the model for such pages.
LANGUAGES = {
    "English": "en",
    "Afrikaans": "af", "Albanian": "sq", "Arabic": "ar", "Armenian": "hy",
    "Azerbaijani": "az", "Basque": "eu", "Belarusian": "be", "Bengali": "bn",
    "Bosnian": "bs", "Breton": "br", "Bulgarian": "bg", "Catalan": "ca", "Croatian": "hr",
    "Czech": "cs", "Danish": "da", "Esperanto": "eo", "Estonian": "et", "Finnish": "fi",
    "Galician": "gl", "Georgian": "ka", "Greek": "el", "Gujarati": "gu", "Hebrew": "he",
    "Hindi": "hi", "Hungarian": "hu", "Icelandic": "is", "Indonesian": "id", "Irish": "ga",
    "Kannada": "kn", "Kazakh": "kk", "Korean": "ko", "Kurdish": "ku", "Kyrgyz": "ky",
    "Latin": "la", "Latvian": "lv", "Lithuanian": "lt", "Luxembourgish": "lb",
    "Macedonian": "mk", "Malay": "ms", "Malayalam": "ml", "Maltese": "mt", "Marathi": "mr",
    "Nepali": "ne", "Norwegian_Bokmal": "nb", "Persian": "fa", "Polish": "pl",
    "Romanian": "ro", "Serbian": "sr", "Slovak": "sk", "Slovenian": "sl", "Swahili": "sw",
    "Swedish": "sv", "Tagalog": "tl", "Tamil": "ta", "Telugu": "te", "Turkish": "tr",
    "Ukrainian": "uk", "Urdu": "ur", "Uzbek": "uz", "Vietnamese": "vi", "Welsh": "cy",
    "West_Frisian": "fy", "Yoruba": "yo",
}
NOTICE = (
    "Function words of languages without a rule pack: the first {words} distinct words of "
    "jusText {version}'s stoplists (most frequent first, from each language's Wikipedia), "
    "written by bench/stoplists.py. jusText: Copyright (c) 2011 Jan Pomikalek, (c) 2013 "
    "Michal Belica; BSD 2-clause licence: redistribution of the lists, modified or not, must "
    "keep this notice."
)


def _latin(word: str) -> bool:
    """Written in the Latin script (ASCII, Latin-1 and the Latin Extended blocks)."""
    return all(ch < "\u0250" for ch in word)


def head(lines: list[str], words: int) -> list[str]:
    from copydesk.core.language import tokens_of

    candidates = [line.strip().lower() for line in lines[: words * 4]]
    # A Wikipedia in another script quotes English: "the", "of" and "and" head the Hindi
    # and Nepali lists. Those are not the language's function words.
    foreign_ascii = sum(not _latin(w) for w in candidates) > len(candidates) / 2
    out: list[str] = []
    for word in candidates:
        if not word or tokens_of(word) != [word] or word in out:
            continue
        if foreign_ascii and word.isascii():
            continue
        out.append(word)
        if len(out) == words:
            break
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sdist", type=Path, help="jusText source archive (.tar.gz)")
    ap.add_argument("--words", type=int, default=100)
    ap.add_argument("--out", type=Path, default=ROOT / "core" / "stopwords" / "stopwords.json")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        sdist = args.sdist
        if sdist is None:
            subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps",
                            "--no-binary", ":all:", "-d", tmp, JUSTEXT], check=True)
            sdist = next(Path(tmp).glob("*.tar.gz"))
        lists: dict[str, list[str]] = {}
        with tarfile.open(sdist) as tar:
            for member in tar.getmembers():
                name = Path(member.name)
                if name.parent.name == "stoplists" and name.stem in LANGUAGES:
                    raw = tar.extractfile(member)
                    assert raw is not None
                    lines = raw.read().decode("utf-8").splitlines()
                    lists[LANGUAGES[name.stem]] = head(lines, args.words)
    missing = sorted(set(LANGUAGES.values()) - set(lists))
    if missing:
        print(f"stoplists missing from {sdist.name}: {', '.join(missing)}", file=sys.stderr)
        return 1
    data = {
        "notice": NOTICE.format(words=args.words, version=JUSTEXT.split("==")[1]),
        "stopwords": {code: lists[code] for code in sorted(lists)},
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"{len(lists)} languages, {args.words} words each -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
