"""A paragraph that closes unrelated pages word for word (a legal disclaimer, a
publisher's "About us") is boilerplate, not a story copied (issue 4, session 34): the report
lists its cluster under "boilerplate", apart from the clusters of stories, and `--format
jsonl` gives its pairs the kind "boilerplate". Three files at least, the last body
paragraph of each, no two of them copies of one story."""

import json
from pathlib import Path

from story_paragraphs import P1, P2, P3
from typer.testing import CliRunner

from copydesk.cli.app import app

DISCLAIMER = ("Esta información tiene carácter general y no sustituye el consejo de un "
              "asesor financiero. Las rentabilidades pasadas no garantizan rentabilidades "
              "futuras.")
# Three unrelated Spanish pages of one site (tax, mortgages, pensions).
PAGES = {
    "a-renta.txt": [
        "La campaña de la renta empieza el 2 de abril y termina el 30 de junio. Los "
        "contribuyentes con derecho a devolución pueden presentar su declaración desde el "
        "primer día a través de la web de la Agencia Tributaria.",
        "Este año se eleva a 15.876 euros el mínimo de ingresos del trabajo a partir del "
        "cual hay que declarar, lo que deja fuera a unos 600.000 contribuyentes.",
    ],
    "b-hipotecas.txt": [
        "El euríbor cerró marzo en el 2,7 %, su nivel más bajo en dos años, lo que abaratará "
        "las cuotas de las hipotecas variables que se revisen en las próximas semanas.",
        "Para una hipoteca media de 150.000 euros a 25 años, la rebaja ronda los 60 euros al "
        "mes, según los cálculos de una plataforma de comparación de préstamos.",
    ],
    "c-pensiones.txt": [
        "Los planes de pensiones individuales perdieron partícipes por cuarto año "
        "consecutivo tras la rebaja de la aportación máxima deducible a 1.500 euros.",
        "Las gestoras reclaman que se recupere el límite anterior y proponen que las "
        "empresas puedan aportar más por cada trabajador con planes de empleo.",
    ],
}


def _write(folder: Path, pages: dict[str, list[str]]) -> Path:
    folder.mkdir()
    for name, paragraphs in pages.items():
        (folder / name).write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return folder


def _report(tmp_path: Path, folder: Path, *more: str) -> dict:
    result = CliRunner().invoke(app, ["clean", str(folder), "--out", str(tmp_path / "out"),
                                      "--report", str(tmp_path / "r.json"), "--quiet", *more])
    assert result.exit_code == 0, result.output
    return json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))


def _files(clusters: list[dict]) -> list[list[str]]:
    return [sorted(Path(m["file"]).name for m in c["members"]) for c in clusters]


def test_a_disclaimer_closing_unrelated_pages_is_boilerplate(tmp_path):
    folder = _write(tmp_path / "in", {k: [*v, DISCLAIMER] for k, v in PAGES.items()})
    report = _report(tmp_path, folder)
    assert _files(report["boilerplate"]) == [sorted(PAGES)]
    assert report["clusters"] == [] and report["documents"] == []
    assert report["summary"]["boilerplate"] == 1 and report["summary"]["clusters"] == 0
    result = CliRunner().invoke(app, ["clean", str(folder), "--out", str(tmp_path / "o2"),
                                      "--format", "jsonl"])
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["kind"] for r in records] == ["boilerplate", "boilerplate"]
    assert all(r["jaccard"] == 1.0 for r in records)


def test_the_disclaimer_is_still_a_seen_paragraph(tmp_path):
    """Boilerplate is no story copied, but the text is the same: a user dropping paragraphs
    seen in earlier files drops its later copies."""
    folder = _write(tmp_path / "in", {k: [*v, DISCLAIMER] for k, v in PAGES.items()})
    _report(tmp_path, folder, "--drop-seen-paragraphs")
    kept = [DISCLAIMER in (tmp_path / "out" / k).read_text(encoding="utf-8") for k in PAGES]
    assert kept == [True, False, False]


def test_two_pages_sharing_a_closing_paragraph_are_a_cluster(tmp_path):
    """Two pages closing alike are as often one story quoted (a background paragraph)."""
    two = dict(list(PAGES.items())[:2])
    report = _report(tmp_path, _write(tmp_path / "in", {k: [*v, DISCLAIMER]
                                                        for k, v in two.items()}))
    assert _files(report["clusters"]) == [sorted(two)] and report["boilerplate"] == []


def test_a_paragraph_opening_unrelated_pages_is_a_cluster(tmp_path):
    """A lead copied by three outlets that rewrote the rest opens their pages."""
    report = _report(tmp_path, _write(tmp_path / "in", {k: [DISCLAIMER, *v]
                                                        for k, v in PAGES.items()}))
    assert _files(report["clusters"]) == [sorted(PAGES)] and report["boilerplate"] == []


def test_a_closing_paragraph_of_one_storys_copies_is_a_cluster(tmp_path):
    """Three copies of one story (document links) closing with the same paragraph: the
    story's own text, copied."""
    closing = ("The authority said the square's fountain, switched off since the works "
               "began, would run again in time for the spring market.")
    pages = {"a-wire.txt": [P1, P2, P3, closing], "b-copy.txt": [P1, P2, P3, closing],
             "c-copy.txt": [P1, P3, closing]}
    report = _report(tmp_path, _write(tmp_path / "in", pages))
    assert report["boilerplate"] == [] and len(report["documents"]) == 2
    assert sorted(pages) in _files(report["clusters"])


def test_copies_too_edited_to_be_one_document_keep_their_closing_cluster(tmp_path):
    """Three outlets open with the wire's lead, rewrite the middle in their own words and
    keep its closing paragraph: no two are linked as documents, but they share the lead
    too. The closing paragraph is the story's, copied."""
    closing = ("The authority said the square's fountain, switched off since the works "
               "began, would run again in time for the spring market.")
    pages = {k: [P1, *v, closing] for k, v in PAGES.items()}
    report = _report(tmp_path, _write(tmp_path / "in", pages))
    assert report["boilerplate"] == [] and report["documents"] == []
    assert _files(report["clusters"]) == [sorted(pages), sorted(pages)]


def test_pages_sharing_a_contained_paragraph_keep_their_closing_cluster(tmp_path):
    """Two of the pages share a paragraph one of them merged into a longer one (a link, no
    cluster): they are one story's copies, and their closing paragraph is the story's."""
    names = sorted(PAGES)
    pages = {names[0]: [f"{P1} {P2}", *PAGES[names[0]], DISCLAIMER],
             names[1]: [P1, *PAGES[names[1]], DISCLAIMER],
             names[2]: [*PAGES[names[2]], DISCLAIMER]}
    report = _report(tmp_path, _write(tmp_path / "in", pages))
    assert [link["kind"] for link in report["links"]] == ["contained"]
    assert report["boilerplate"] == [] and _files(report["clusters"]) == [names]
