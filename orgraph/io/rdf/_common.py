"""What reading and writing RDF share: namespaces, the ORG vocabulary's extensions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from orgraph.io.interchange import require

__all__ = ["BASE", "ORGRAPH", "QUOTA", "load_rdflib", "namespaces", "rdf_format"]

ORGRAPH = "urn:orgraph:vocab:"
"""The namespace of the terms ORG lacks (``orgraph:kind``, ``orgraph:level``, ...)."""

BASE = "urn:orgraph:data:"
"""The default prefix of the IRIs given to units, posts, people and events."""

QUOTA = {"civil_servants": "civilServants", "public_employees": "publicEmployees"}
QUOTA["contracts"] = "contracts"
_FORMATS = {"turtle": "turtle", "ttl": "turtle", "json-ld": "json-ld", "jsonld": "json-ld"}


def load_rdflib() -> Any:
    return require("rdflib", extra="rdf", what="RDF export and import")


def namespaces() -> dict[str, Any]:
    rdflib = load_rdflib()
    ns = rdflib.namespace
    return {
        "org": ns.ORG,
        "foaf": ns.FOAF,
        "skos": ns.SKOS,
        "dcterms": ns.DCTERMS,
        "prov": ns.PROV,
        "time": ns.TIME,
        "xsd": ns.XSD,
        "rdfs": ns.RDFS,
        "rdf": ns.RDF,
        "orgraph": rdflib.Namespace(ORGRAPH),
    }


def rdf_format(path: str | Path, format: str | None) -> str:
    if format is None:
        return "json-ld" if Path(path).suffix.lower() == ".jsonld" else "turtle"
    if format.lower() not in _FORMATS:
        raise ValueError(f"format must be 'turtle' or 'json-ld', not {format!r}")
    return _FORMATS[format.lower()]
