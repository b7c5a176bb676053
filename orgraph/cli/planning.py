"""orgraph command-line commands (planning)."""

from __future__ import annotations
