"""Why each line of one file is kept or removed (`copydesk explain FILE`).

Runs the same pipeline as `clean` on the one file (so within-file duplicates
show too) and lines up every paragraph with its verdict: the rule that
decided it, or the line model's body probability and the features that
moved it most. Site templates need a whole run of files and so are not
shown for a single file.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .analyze import load
from .classify import Classifier
from .config import Config
from .model import Label, Source, Verdict
from .pipeline import Destination, run

TOP_FEATURES = 4


@dataclass(frozen=True, slots=True)
class Line:
    start: int
    end: int
    text: str
    label: str  # body | boilerplate | metadata | duplicate
    rule: str | None
    detail: str
    score: float | None = None  # body probability from the line model
    features: list[tuple[str, float]] = field(default_factory=list)  # top contributions


@dataclass(slots=True)
class Explanation:
    display: str
    language: str
    lines: list[Line]
    metadata: dict[str, list[str]]


def explain(source: Source, config: Config) -> Explanation:
    """Raises InputError (from `load`) when the file is not usable text."""
    loaded = load(source, config)
    classifier = Classifier(config)
    classified = classifier.classify(loaded.blocks, keep_scores=True)
    verdicts = list(classified.verdicts)
    # Within-file duplicates are decided by the pipeline: take them from its report.
    result = run([source], config, Destination(dry_run=True))
    for outcome in result.outcomes:
        for entry in outcome.entry.get("removed", []):
            reason = entry.get("reason", {})
            if reason.get("label") == Label.DUPLICATE.value:
                i = entry["paragraph"] - 1
                dup = reason.get("duplicate_of", {})
                verdicts[i] = Verdict(
                    Label.DUPLICATE,
                    reason.get("rule"),
                    f"repeats paragraph {dup.get('paragraph')} (lines "
                    f"{'-'.join(str(x) for x in dup.get('lines', []))})",
                )
    contributions = _contributions(classifier, classified.language)
    lines = []
    for i, (block, verdict) in enumerate(zip(loaded.blocks, verdicts, strict=True)):
        lines.append(
            Line(
                block.start,
                block.end,
                block.text,
                verdict.label.value,
                verdict.rule,
                verdict.detail,
                verdict.score,
                contributions.get(i, []) if verdict.score is not None else [],
            )
        )
    return Explanation(source.display, classified.language, lines, classified.metadata)


def _contributions(classifier: Classifier, language: str) -> dict[int, list[tuple[str, float]]]:
    scored = classifier.last_scored
    model = classifier.model_for(language)
    if scored is None or model is None:
        return {}
    out: dict[int, list[tuple[str, float]]] = {}
    for k, i in enumerate(scored.rows):
        row = scored.x2[k]
        # Stage 2 sees every stage-1 feature plus what stage 1 made of the neighbourhood
        # ("p", "p_near_3"...): its path attributions are the account of the final score.
        final = model.stage2 if model.stage2 is not None else model.stage1
        merged = final.contributions(row)
        top = sorted(merged.items(), key=lambda kv: (-abs(kv[1]), kv[0]))[:TOP_FEATURES]
        out[i] = [(name, round(float(v), 2)) for name, v in top if abs(v) >= 0.005]
    return out
