"""a11y-l10n: accessibility and localization checks for multilingual websites."""

__version__ = "0.1.0"
