"""The report's clusters and links written by the render workers, a part at a time
(`report.written_part`), are the text the parent writes from the resolution itself."""

from itertools import pairwise

import pytest
from test_jobs import _corpus

from copydesk.core import pipeline, report
from copydesk.core.config import Config
from copydesk.core.discover import discover
from copydesk.core.packed import unpack_text


def _run(src, jobs: int, report_text: bool):
    found = discover([str(src)])
    destination = pipeline.Destination(dry_run=True, keep_text=False)
    return pipeline.run(found.sources, Config(jobs=jobs), destination, found.problems,
                        report_text=report_text)


@pytest.mark.parametrize("size", [1, 3])
def test_parts_join_to_the_whole_section(tmp_path, monkeypatch, size):
    _corpus(tmp_path / "in")
    resolution = _run(tmp_path / "in", 1, False).resolution
    monkeypatch.setattr(report, "RECORDS_PER_PART", size)
    for section, whole in (("clusters", report._cluster_texts), ("links", report._link_texts)):
        records = getattr(resolution, section)
        assert len(records) > 1, section
        parts = [(lo, hi) for s, lo, hi in report.section_parts(resolution) if s == section]
        assert parts[0][0] == 0 and parts[-1][1] == len(records)
        assert all(a[1] == b[0] for a, b in pairwise(parts))
        names = report.section_names(resolution, section)
        joined = (",\n" + report.RECORD_INDENT).join(
            unpack_text(report.written_part(resolution, section, lo, hi, names))
            for lo, hi in parts)
        assert joined == (",\n" + report.RECORD_INDENT).join(
            whole(records, report.RECORD_INDENT))


def test_workers_write_the_records_and_the_report_is_the_same(tmp_path, monkeypatch):
    _corpus(tmp_path / "in")
    reference = report.dumps(_run(tmp_path / "in", 1, True).report)
    monkeypatch.setattr(report, "RECORDS_PER_PART", 3)
    written = _run(tmp_path / "in", 2, True).report
    for section in ("clusters", "links"):
        assert written[section]._written is not None, section  # the workers' text is used
    assert report.dumps(written) == reference
    assert b"".join(report.dump_chunks(written)) == reference.encode("utf-8")
    # Not asked for the report's text (no --report), the workers write no records.
    assert _run(tmp_path / "in", 2, False).report["clusters"]._written is None
