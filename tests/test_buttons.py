"""Shop and booking buttons sit inside the article, under each item of a guide."""

from __future__ import annotations


def _clean(cli, lines: list[str]) -> list[str]:
    result = cli(["clean", "-"], input="\n".join(lines) + "\n")
    assert result.exit_code == 0
    return [line for line in result.stdout.splitlines() if line]


RESTAURANTS = [
    (
        "Harbour Kitchen",
        "A small room above the fish market where the menu changes with the "
        "morning's catch, and the grilled mackerel with pickled onions is the dish to order.",
    ),
    (
        "The Lantern",
        "Two sisters run this bistro in a former chandlery, cooking the food of "
        "their grandmother's village with vegetables from their own garden on the hill.",
    ),
    (
        "Saltwater",
        "The tasting menu is long and playful, with a course of seaweed bread and "
        "cultured butter that regulars say is worth the trip on its own.",
    ),
    (
        "Pier Nine",
        "Come for the oysters and stay for the view: the terrace looks straight "
        "across the bay to the lighthouse, and it is busiest at sunset.",
    ),
    (
        "Ropewalk",
        "A bakery by day and a wine bar by night, it serves small plates of local "
        "cheese and cured meats until late on weekends.",
    ),
    (
        "The Net Loft",
        "The chef trained in Lisbon and it shows in the grilled sardines, the "
        "custard tarts and a short list of Portuguese wines by the glass.",
    ),
]


def test_a_guide_keeps_its_entries_when_each_has_a_booking_button(cli):
    lines = ["The best places to eat by the harbour this summer"]
    for name, text in RESTAURANTS:
        lines += [name, text, "Book now"]
    kept = _clean(cli, lines)
    assert "Book now" not in kept
    assert all(text in kept for _, text in RESTAURANTS)
