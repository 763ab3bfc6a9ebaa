"""The bundled multilingual sample site (Riverside General Hospital) and its local server."""

from .server import QUIRKS, SAMPLE_LOCALES, SAMPLE_PAGES, catalogs_dir, serve_sample_site

__all__ = ["QUIRKS", "SAMPLE_LOCALES", "SAMPLE_PAGES", "catalogs_dir", "serve_sample_site"]
