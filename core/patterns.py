"""User-supplied patterns (`--extra-pattern`, `--keep-pattern`, config lists).

Built-in packs are vetted for backtracking; user patterns are not, so they run
on the `regex` engine with a time limit per match: a pattern that backtracks
catastrophically costs at most `timeout` seconds per line, is reported, and
is then disabled for the rest of the file instead of hanging a cron run.
"""

from __future__ import annotations

import regex

from .config import ConfigError

MATCH_TIMEOUT = 0.05  # seconds per line and pattern


class UserPatterns:
    def __init__(
        self, extra: tuple[str, ...], keep: tuple[str, ...], timeout: float = MATCH_TIMEOUT
    ) -> None:
        self.timeout = timeout
        self._extra = [(p, _compile(p)) for p in extra]
        self._keep = [(p, _compile(p)) for p in keep]
        self.timed_out: list[str] = []  # patterns that hit the time limit, in order

    def reset(self) -> list[str]:
        """Start a new file; return (and forget) the patterns that timed out in the last one."""
        timed_out, self.timed_out = self.timed_out, []
        return timed_out

    def _search(self, patterns, text: str) -> str | None:
        for source, compiled in patterns:
            if source in self.timed_out:
                continue
            try:
                if compiled.search(text, timeout=self.timeout) is not None:
                    return source
            except TimeoutError:
                self.timed_out.append(source)
        return None

    def keep(self, text: str) -> str | None:
        return self._search(self._keep, text) if self._keep else None

    def extra(self, text: str) -> str | None:
        return self._search(self._extra, text) if self._extra else None


def _compile(pattern: str) -> regex.Pattern:
    try:
        return regex.compile(pattern, regex.V0)
    except regex.error as exc:
        raise ConfigError(f"invalid pattern {pattern!r}: {exc}") from None
