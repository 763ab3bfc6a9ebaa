"""Map raw axe-core JSON (kept verbatim in the artifact) to findings: axe:<rule-id>."""

from __future__ import annotations

from typing import Any

from pipeline.checks.base import CheckMeta, PageContext
from pipeline.config import Config
from pipeline.model import Finding

AXE_META = CheckMeta(
    id="axe:*",
    title="axe-core rule violations",
    description="One finding per node per violated axe-core rule; axe impact is the severity. "
    "axe 'incomplete' results are kept as needs-review and never fail a run.",
    severity="moderate",
    kind="a11y",
)


def _selector(target: list[Any]) -> str:
    # axe targets are lists; nested lists step into iframes / shadow roots.
    parts = [" ".join(t) if isinstance(t, list) else str(t) for t in target]
    return " >>> ".join(parts)


def _node_findings(rule: dict[str, Any], ctx: PageContext, needs_review: bool) -> list[Finding]:
    out = []
    for node in rule.get("nodes", []):
        out.append(Finding(
            check=f"axe:{rule['id']}",
            severity=node.get("impact") or rule.get("impact") or AXE_META.severity,
            message=rule.get("help", rule["id"]),
            selector=_selector(node.get("target", [])),
            page=ctx.artifact.page,
            locale=ctx.artifact.locale,
            snippet=node.get("html", ""),
            help_url=rule.get("helpUrl", ""),
            needs_review=needs_review,
            details={"description": rule.get("description", ""), "tags": rule.get("tags", []),
                     "summary": node.get("failureSummary", ""),
                     **({"box": node["box"]} if node.get("box") else {})},
        ))
    return out


def check_axe(ctx: PageContext, config: Config) -> list[Finding]:
    axe = ctx.artifact.axe
    findings: list[Finding] = []
    for rule in axe.get("violations", []):
        findings.extend(_node_findings(rule, ctx, needs_review=False))
    for rule in axe.get("incomplete", []):
        findings.extend(_node_findings(rule, ctx, needs_review=True))
    return findings
