"""orgraph command-line commands (charts)."""

from __future__ import annotations
