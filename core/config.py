"""Run configuration: every knob in one frozen dataclass, loadable from a TOML file.

The CLI builds a `Config` from flags layered over an optional config file; the
library never reads flags or the environment itself.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

DEFAULT_CONFIG_NAMES = ("copydesk.toml", ".copydesk.toml")


class ConfigError(ValueError):
    """A configuration file or value that cannot be used (exit code USAGE)."""


@dataclass(frozen=True, slots=True)
class Config:
    # discover
    glob: str = "*.txt"
    follow_symlinks: bool = False
    max_bytes: int = 64 * 1024 * 1024
    # classify
    language: str | None = None  # force a rule-pack language instead of detecting it
    extra_patterns: tuple[str, ...] = ()  # user regexes: lines that are boilerplate
    keep_patterns: tuple[str, ...] = ()  # user regexes: lines that are always body
    templates: bool = True  # lines recurring across many files of a run are boilerplate
    template_min_files: int = 5
    template_min_share: float = 0.05
    front_matter: bool = False
    # fingerprint (changing any of these changes fingerprints: see `fingerprint_params`)
    num_perm: int = 32
    seed: int = 1
    bands: int = 16
    shingle: str = "word"  # "word" or "char"
    ngram: int = 2
    min_tokens: int = 6  # below this, paragraphs match by exact normalized hash only
    # match / resolve
    threshold: float = 0.5  # verified Jaccard at or above which paragraphs are duplicates
    containment: float = 0.8  # a short paragraph this much inside a longer one is a duplicate
    fact_tolerance: float = 0.34  # share of facts (numbers, names) a duplicate may replace
    passage_words: int = 10  # a run this long shared by paragraphs of two files is reported
    doc_threshold: float = 0.8  # share of body tokens matching one earlier document
    drop_duplicate_docs: bool = False
    drop_seen_paragraphs: bool = False
    # index (what earlier runs have seen)
    index: str | None = None  # directory of the SQLite index; None: no index
    lock_timeout: float = 30.0  # seconds to wait for another run's lock on the index
    # run
    jobs: int = 1
    strict: bool = False

    def fingerprint_params(self) -> dict[str, Any]:
        return {
            "num_perm": self.num_perm,
            "seed": self.seed,
            "bands": self.bands,
            "shingle": self.shingle,
            "ngram": self.ngram,
            "min_tokens": self.min_tokens,
        }

    def validate(self) -> Config:
        if self.shingle not in ("word", "char"):
            raise ConfigError(f"shingle must be 'word' or 'char', not {self.shingle!r}")
        if not 1 <= self.ngram <= 16:
            raise ConfigError(f"ngram must be between 1 and 16, not {self.ngram}")
        if self.bands < 1 or self.num_perm % self.bands:
            raise ConfigError(
                f"num_perm ({self.num_perm}) must be a multiple of bands ({self.bands})"
            )
        if not 0.0 <= self.fact_tolerance <= 1.0:
            raise ConfigError(f"fact_tolerance must be in [0, 1], not {self.fact_tolerance}")
        for name in ("threshold", "containment", "doc_threshold", "template_min_share"):
            value = getattr(self, name)
            if not 0.0 < value <= 1.0:
                raise ConfigError(f"{name} must be in (0, 1], not {value}")
        if self.jobs < 1:
            raise ConfigError(f"jobs must be at least 1, not {self.jobs}")
        if self.max_bytes < 1:
            raise ConfigError(f"max_bytes must be positive, not {self.max_bytes}")
        if self.language is not None:
            from .language import known_languages, listed_stopwords
            from .rules import available_languages

            # Checked here, not when the first file needs its pack: an unknown code would
            # otherwise cost every file of the run as an internal error (exit 3).
            if self.language not in known_languages():
                raise ConfigError(f"no rule pack for language {self.language!r}, nor a "
                                  f"list of its function words (rule packs: "
                                  f"{', '.join(available_languages())}; function words: "
                                  f"{', '.join(sorted(listed_stopwords()))})")
        return self


_FIELDS = {f.name: f for f in fields(Config)}


def load_config(path: Path) -> dict[str, Any]:
    """Read a TOML config file into a dict of `Config` field values (dashes allowed in keys)."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read config: {exc.strerror or exc}") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
    table = raw.get("copydesk", raw)
    values: dict[str, Any] = {}
    for key, value in table.items():
        name = key.replace("-", "_")
        if name not in _FIELDS:
            raise ConfigError(f"{path}: unknown setting {key!r}")
        default = getattr(Config(), name)
        if isinstance(default, tuple):
            if isinstance(value, str):
                value = (value,)
            if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
                raise ConfigError(f"{path}: {key} must be a list of strings")
            value = tuple(value)
        elif isinstance(default, bool):
            if not isinstance(value, bool):
                raise ConfigError(f"{path}: {key} must be true or false")
        elif isinstance(default, float):
            if not isinstance(value, int | float) or isinstance(value, bool):
                raise ConfigError(f"{path}: {key} must be a number")
            value = float(value)
        elif isinstance(default, int):
            if not isinstance(value, int) or isinstance(value, bool):
                raise ConfigError(f"{path}: {key} must be an integer")
        elif (default is None or isinstance(default, str)) and not isinstance(value, str):
            raise ConfigError(f"{path}: {key} must be a string")
        values[name] = value
    return values


def find_config(start: Path) -> Path | None:
    """The first default-named config file in `start`, if any."""
    for name in DEFAULT_CONFIG_NAMES:
        candidate = start / name
        if candidate.is_file():
            return candidate
    return None


def build_config(file_values: dict[str, Any], overrides: dict[str, Any]) -> Config:
    """Flags override the file; pattern lists from both are combined."""
    merged = dict(file_values)
    for name, value in overrides.items():
        if value is None:
            continue
        if name in ("extra_patterns", "keep_patterns"):
            merged[name] = tuple(merged.get(name, ())) + tuple(value)
        else:
            merged[name] = value
    return replace(Config(), **merged).validate()
