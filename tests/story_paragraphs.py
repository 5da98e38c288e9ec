"""Paragraphs of one invented local story, shared by the duplicate-finding CLI tests:
P1_EDITED is a lightly edited copy of P1 (a syndicated rewrite); P2 and P3 are unrelated."""

P1 = (
    "The regional water authority said on Thursday that repairs to the main pipeline under "
    "the old market square would take at least three more weeks to complete."
)
P1_EDITED = (
    "The regional water authority said Thursday that repairs on the main pipeline under "
    "the old market square would take at least three more weeks to finish."
)
P2 = (
    "Shop owners around the square have complained that the closed road has cut the number "
    "of customers walking past their doors by almost half since the start of the month."
)
P3 = (
    "A spokesperson for the authority apologised for the disruption and promised that "
    "traffic would be allowed back into the square as soon as the pipes were tested."
)
