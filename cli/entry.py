"""The `copydesk` executable's first code: quiet interrupts while the CLI loads.

Loading the CLI (typer, numpy, the rule packs) takes a moment. A Ctrl-C or
SIGTERM in that moment would print a traceback from whatever import it hit;
nothing has been read or written yet, so leaving at once is clean. The CLI
replaces these handlers with its own as soon as a command runs.
"""

from __future__ import annotations

import os
import signal
from types import FrameType


def _leave(signum: int, frame: FrameType | None) -> None:
    os.write(2, b"copydesk: interrupted before starting\n")
    os._exit(128 + signum)


def main() -> None:
    # Before the imports below allocate anything: see core/allocator.py.
    from copydesk.core.allocator import return_large_blocks

    return_large_blocks()
    for signum in (signal.SIGINT, signal.SIGTERM):
        if signal.getsignal(signum) is not signal.SIG_IGN:  # nohup, background jobs
            signal.signal(signum, _leave)
    from copydesk.cli.app import main as run

    run()
