"""`a11y-l10n discover`: print what a scan would load (pages × locales), without loading it."""

from __future__ import annotations

from typing import TextIO

from pipeline.config import Config
from pipeline.plan import Plan, make_plan, print_plan
from pipeline.plan.site import site_base_url
from pipeline.progress import Progress


def run_discover(config: Config, out: TextIO, progress: Progress) -> Plan:
    with site_base_url(config) as base_url:
        plan = make_plan(config, base_url, progress.say)
    plan.report_warnings(progress.say)
    print_plan(plan, out)
    return plan
