"""Developer tool (``make schema``): rewrite the JSON Schema files shipped in the package."""

from __future__ import annotations

import json

from orgraph.io._files import atomic_write
from orgraph.schema import SCHEMA_DIR, json_schemas


def main() -> None:
    for name, document in json_schemas().items():
        atomic_write(SCHEMA_DIR / name, json.dumps(document, ensure_ascii=False, indent=2) + "\n")
        print(f"wrote {SCHEMA_DIR / name}")


if __name__ == "__main__":
    main()
