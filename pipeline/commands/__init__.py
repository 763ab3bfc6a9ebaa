"""One module per command, each a short composition of the stages below it:
plan → gather → check → results (compare) → report (publish).

`scan`, `coverage`, `recheck`, `merge`, `discover`, `report` and `list_checks`; the CLI
(`pipeline/cli.py`) only turns arguments into a call of one of them.
"""
