"""svodka: sourced, queryable chronicles from Russian and English news."""

__version__ = "0.1.0"
