"""orgraph command-line commands (data)."""

from __future__ import annotations
