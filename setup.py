"""The optional C tree walk (core/_treewalk.c); everything else is in pyproject.toml.

`optional=True`: where it cannot be compiled, the install goes on without it and the line
model walks its trees in numpy (the same margins, bit for bit, a few times slower)."""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension("copydesk.core._treewalk", ["core/_treewalk.c"], optional=True),
    ]
)
