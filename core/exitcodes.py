"""Exit codes: each means one thing, and the README lists them."""

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    #: `check`: a file is not clean or duplicates another; `check --fix`: files were rewritten.
    FINDINGS = 1
    #: Bad command line or configuration (typer/click also use 2).
    USAGE = 2
    #: Some inputs could not be read or decoded (or, with --strict, were skipped);
    #: every other input was processed and written.
    INPUT_ERRORS = 3
    #: Some outputs could not be written (read-only directory, full disk, path escape).
    OUTPUT_ERRORS = 4
    #: The index is locked by another run, was built with other parameters, or could not
    #: be written (outputs are written; the index stays as it was).
    INDEX_ERROR = 5
    INTERRUPTED = 130
    TERMINATED = 143
