"""orgraph command-line commands (demo)."""

from __future__ import annotations
