"""What workers send the parent is pickled by each class's own `__reduce__` (every field, in
`__init__`'s order), not by the slotted dataclass's generic `__setstate__`: the same object
comes back, field for field."""

import dataclasses
import pickle
from array import array

import pytest

from copydesk.core.analyze import FileAnalysis
from copydesk.core.model import DupRef, Label, Problem, Source, Verdict


def _distinct(cls):
    """An instance of `cls` whose every init field holds a value no other field (and no
    default) holds, so that a field left out or sent in another field's place shows."""
    values = {
        Source: lambda: dict(display="site/a.txt", relpath="a.txt", path="/in/site/a.txt",
                     data=b"bytes", real="/real/site/a.txt"),
        Verdict: lambda: dict(label=Label.METADATA, rule="byline", detail="By Jo", keep_text="Jo",
                      meta=("byline", "Jo"), dup=DupRef("b.txt", 3, 4, 5, 0.5),
                      score=0.25),
        FileAnalysis: lambda: dict(
            source=_distinct(Source), problem=Problem("a.txt", "error", "why"),
            encoding="cp1252", repairs=["mojibake"], language="fr", lines=17,
            spans=array("i", [0, 1, 3, 4]),
            verdicts=[Verdict(Label.BODY, score=0.9), Verdict(Label.BOILERPLATE, "share")],
            metadata={"headline": ["Title"]}, content_hash="abc123", repaired=False,
            fixes=((2, "fixed line"),), body=[0, 1], warnings=["odd"]),
    }[cls]()
    names = [f.name for f in dataclasses.fields(cls) if f.init]
    assert sorted(names) == sorted(values), f"{cls.__name__}: fields changed, update the test"
    return cls(**values)


@pytest.mark.parametrize("cls", [Source, Verdict, FileAnalysis])
def test_round_trip_keeps_every_field(cls):
    obj = _distinct(cls)
    for protocol in (2, pickle.HIGHEST_PROTOCOL):
        back = pickle.loads(pickle.dumps(obj, protocol=protocol))
        assert type(back) is cls
        for f in dataclasses.fields(cls):  # compare=False fields too (a verdict's `keep`)
            assert getattr(back, f.name) == getattr(obj, f.name), f.name


@pytest.mark.parametrize("cls", [Source, Verdict, FileAnalysis])
def test_pickled_by_the_constructor(cls):
    # The dataclass's generic state (a Python loop over `dataclasses.fields` per object)
    # made most of the parent's unpickling of the workers' results.
    rebuild, args = _distinct(cls).__reduce_ex__(pickle.HIGHEST_PROTOCOL)[:2]
    assert rebuild is cls
    assert len(args) == len([f for f in dataclasses.fields(cls) if f.init])


@pytest.mark.parametrize("label", list(Label))
def test_verdict_keep_follows_its_label(label):
    back = pickle.loads(pickle.dumps(Verdict(label, "r"), protocol=pickle.HIGHEST_PROTOCOL))
    assert back.keep is (label is Label.BODY)
    assert back == Verdict(label, "r")
