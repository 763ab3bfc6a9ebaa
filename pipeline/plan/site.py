"""The site a run scans: its base URL (the bundled sample site, served here, when none is configured)
and a check that it answers at all, before a browser is launched."""

from __future__ import annotations

import contextlib
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from pipeline.config import Config, ConfigError, line_of


def check_reachable(config: Config, base_url: str, timeout: float = 10.0) -> None:
    """Raise ConfigError (exit 2) naming site.base_url's line when nothing answers at `base_url`.

    Any HTTP answer, even 404 or 500, counts as reachable: only the connection matters here.
    """
    try:
        with urllib.request.urlopen(urllib.request.Request(base_url, method="GET"), timeout=timeout):
            pass
    except urllib.error.HTTPError:
        return
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        text = Path(config.path).read_text(encoding="utf-8", errors="replace") if Path(config.path).is_file() else ""
        message = f"site.base_url {base_url} is unreachable ({reason}); start the site or fix the URL"
        raise ConfigError(config.path, line_of(text, ("site", "base_url")), message) from None


@contextlib.contextmanager
def site_base_url(config: Config) -> Iterator[str]:
    """The configured site.base_url, or the bundled sample site served on 127.0.0.1 for the block."""
    if config.base_url is not None:
        yield config.base_url
        return
    from pipeline.sample_site.server import serve_sample_site

    with serve_sample_site() as url:
        yield url
