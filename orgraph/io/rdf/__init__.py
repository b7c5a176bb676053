"""The W3C Organization Ontology (ORG) as Turtle or JSON-LD, through rdflib.

============================ ==========================================================
orgraph                      RDF
============================ ==========================================================
root unit                    ``org:Organization``
other unit                   ``org:Organization``, ``org:OrganizationalUnit``,
                             ``org:subOrganizationOf`` / ``org:hasSubOrganization``
unit name, code              ``skos:prefLabel``, ``org:identifier``
post                         ``org:Post`` with ``org:postIn`` / ``org:hasPost``,
                             ``skos:prefLabel`` (title), ``org:role`` (an ``org:Role``
                             whose ``skos:notation`` is the role code)
person                       ``foaf:Person`` with ``foaf:name``
appointment                  ``org:Membership`` with ``org:member``, ``org:organization``
                             (the post's unit), ``org:role``, ``orgraph:post`` and
                             ``org:memberDuring`` (a ``time:Interval``); current holders
                             also get ``org:holds`` / ``org:heldBy``
link                         ``org:linkedTo``, qualified by an ``orgraph:Link``
history event                ``org:ChangeEvent`` with ``org:originalOrganization``,
                             ``org:resultingOrganization``, ``prov:startedAtTime`` and
                             the whole event as JSON (``orgraph:event``)
lineage edge                 ``orgraph:LineageEdge``
============================ ==========================================================

What ORG lacks goes in the ``orgraph:`` namespace (:data:`ORGRAPH`): ``kind``,
``level``, ``bloc``, ``function``, the quota parts, ``funding``, ``founded``,
``ended``, ``leadership``, ``acting`` and ``attrs`` (JSON). Every node carries its
orgraph id as ``dcterms:identifier``.
"""

from __future__ import annotations

from orgraph.io.rdf._common import BASE, ORGRAPH
from orgraph.io.rdf._read import import_rdf
from orgraph.io.rdf._write import check_base, export_rdf, to_rdf

__all__ = ["BASE", "ORGRAPH", "check_base", "export_rdf", "import_rdf", "to_rdf"]
