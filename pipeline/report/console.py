"""A compact plain-text summary for the terminal and CI logs."""

from __future__ import annotations

from typing import Any

from pipeline.text import reveal_console

from .view import Cell, as_float, build_matrix, failed_targets, verdict

_MAX_ERROR_LEN = 160


def format_summary(results: dict[str, Any]) -> str:
    """Matrix (pages × locales), catalog coverage, failed targets and the verdict line.

    Every scanned string goes through :func:`reveal_console` so a hostile page title or error
    message cannot inject terminal escape sequences or reorder the line.
    """
    lines = _matrix_lines(results)
    lines += _catalog_lines(results)[0 if lines else 1:]  # no blank line above when there is no matrix
    lines += _failure_lines(results)
    lines += ["", _verdict_line(results)]
    return "\n".join(lines) + "\n"


def _cell_text(cell: Cell) -> str:
    if cell.status in ("error", "not scanned"):
        return cell.status
    text = f"a11y {cell.a11y_total} · l10n {cell.l10n}"
    return f"{text} · review {cell.review}" if cell.review else text


def _matrix_lines(results: dict[str, Any]) -> list[str]:
    matrix = build_matrix(results)
    if not matrix.rows:
        return []
    header = ["page"] + [reveal_console(f"{loc['code']} ({loc.get('dir') or '?'})") for loc in matrix.locales]
    body = [
        [reveal_console(page)] + [_cell_text(c) for c in row]
        for page, row in zip(matrix.pages, matrix.rows, strict=True)
    ]
    widths = [max(len(r[i]) for r in [header, *body]) for i in range(len(header))]
    return [_row(header, widths), _row(["-" * w for w in widths], widths)] + [_row(r, widths) for r in body]


def _row(cells: list[str], widths: list[int]) -> str:
    return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()


def _catalog_lines(results: dict[str, Any]) -> list[str]:
    catalogs = results.get("catalogs") or []
    if not catalogs:
        return []
    lines = ["", "Catalog coverage:"]
    for cat in catalogs:
        lines.append(
            f"  {reveal_console(cat.get('locale', '')):<6} {_num(cat.get('percent')):>5}%  "
            f"{cat.get('translated', 0)}/{cat.get('total', 0)} translated, "
            f"{cat.get('fuzzy', 0)} fuzzy, {cat.get('untranslated', 0)} untranslated, "
            f"{cat.get('obsolete', 0)} obsolete{_word_text(cat)}"
        )
    return lines


def _word_text(cat: dict[str, Any]) -> str:
    """Source words as pocount counts them; absent in results written before word counts existed."""
    if "words_total" not in cat:
        return ""
    return (
        f"; words {cat.get('words_translated', 0)}/{cat.get('words_total', 0)} translated, "
        f"{cat.get('words_fuzzy', 0)} fuzzy, {cat.get('words_untranslated', 0)} untranslated"
    )


def _failure_lines(results: dict[str, Any]) -> list[str]:
    failed = failed_targets(results)
    if not failed:
        return []
    lines = ["", "Failed targets:"]
    for t in failed:
        reason = reveal_console(t.get("error") or "unknown error")[:_MAX_ERROR_LEN]
        lines.append(f"  {reveal_console(t.get('page', ''))}/{reveal_console(t.get('locale', ''))}: {reason}")
    return lines


def _verdict_line(results: dict[str, Any]) -> str:
    summary = results.get("summary") or {}
    fail_on = results.get("fail_on", "?")
    line = (
        f"{verdict(results)}: {summary.get('failing_findings', 0)} finding(s) at or above '{fail_on}', "
        f"{summary.get('errors', 0)} target error(s) of {summary.get('targets', 0)}; "
        f"exit code {results.get('exit_code', '?')}"
    )
    return reveal_console(line)


def _num(value: object) -> str:
    number = as_float(value)
    return "?" if number is None else f"{number:.1f}"
