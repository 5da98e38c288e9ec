"""copydesk core: every stage of cleaning and duplicate detection, free of CLI concerns.

Data flows one way: discover -> decode -> unmarkup -> repair -> unglue -> segment -> classify ->
fingerprint -> match -> resolve -> write/report. `pipeline` wires the stages.
"""

__version__ = "0.1.0"
