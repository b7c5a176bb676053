"""The tree queries of :class:`orgraph.Org`: sub-units, parents, ancestors, subtrees.

A mixin that ``Org`` composes; it reads the store an ``Org`` holds and nothing else.
"""

from __future__ import annotations

from orgraph._store import UNIT, _Store
from orgraph.model import Unit, nfc

__all__: list[str] = []


class _TreeQueries:
    """Walks of the administrative tree (parent edges)."""

    __slots__ = ()
    _store: _Store

    def _unit(self, id: str) -> Unit:
        return self._store.obj(nfc(id), UNIT)  # type: ignore[no-any-return]

    def has_children(self, id: str) -> bool:
        """True if the unit has active sub-units (one look-up, whatever their number).

        Parameters
        ----------
        id : str
            A unit's id; :class:`UnknownIdError` if there is none.

        Returns
        -------
        bool

        Examples
        --------
        >>> import orgraph
        >>> org = orgraph.load("examples/dam_ha/org.yaml")
        >>> org.has_children("dam-ha"), org.has_children("ubkt")
        (True, False)
        """
        id = nfc(id)
        self._unit(id)
        return self._store.has_active_children(id)

    def children(self, id: str, *, include_ended: bool = False) -> list[Unit]:
        """Direct sub-units of a unit (active only unless asked).

        Parameters
        ----------
        id : str
            A unit's id.
        include_ended : bool
            Also the sub-units that have ended.

        Returns
        -------
        list of Unit

        Examples
        --------
        >>> import orgraph
        >>> org = orgraph.load("examples/dam_ha/org.yaml")
        >>> [u.id for u in org.children("dam-ha")][:3]
        ['huyen-uy', 'hdnd', 'ubnd']
        """
        id = nfc(id)
        self._unit(id)
        return [u for u in self._store.below(id, "parent") if include_ended or u.ended is None]

    def parent(self, id: str) -> Unit | None:
        """The administrative parent of a unit, or None for a root.

        Parameters
        ----------
        id : str
            A unit's id.

        Returns
        -------
        Unit or None

        Examples
        --------
        >>> import orgraph
        >>> org = orgraph.load("examples/dam_ha/org.yaml")
        >>> org.parent("ubkt").id, org.parent("dam-ha")
        ('huyen-uy', None)
        """
        unit = self._unit(id)
        return None if unit.parent is None else self._unit(unit.parent)

    def ancestors(self, id: str) -> list[Unit]:
        """Parent, grandparent, ... up to the root, nearest first.

        Parameters
        ----------
        id : str
            A unit's id.

        Returns
        -------
        list of Unit

        Examples
        --------
        >>> import orgraph
        >>> org = orgraph.load("examples/dam_ha/org.yaml")
        >>> [u.id for u in org.ancestors("ubkt")]
        ['huyen-uy', 'dam-ha']
        """
        id = nfc(id)
        found: list[Unit] = []
        seen = {id}
        current = self._unit(id).parent
        while current is not None and current not in seen:
            unit = self._store.unit_or_none(current)
            if unit is None:
                break
            seen.add(current)
            found.append(unit)
            current = unit.parent
        return found

    def subtree(self, id: str, *, include_ended: bool = False) -> list[Unit]:
        """The unit and every unit below it, depth first in file order.

        Parameters
        ----------
        id : str
            The top unit's id.
        include_ended : bool
            Also the units that have ended.

        Returns
        -------
        list of Unit

        Examples
        --------
        >>> import orgraph
        >>> org = orgraph.load("examples/dam_ha/org.yaml")
        >>> [u.id for u in org.subtree("ubkt")]
        ['ubkt']
        >>> len(org.subtree("dam-ha")) == len(org.units())
        True
        """
        root = self._unit(id)
        found: list[Unit] = []
        stack = [root]
        seen: set[str] = set()
        while stack:
            unit = stack.pop()
            if unit.id in seen:
                continue
            seen.add(unit.id)
            found.append(unit)
            stack.extend(reversed(self.children(unit.id, include_ended=include_ended)))
        return found

    def depth(self, id: str) -> int:
        """Number of ancestors of a unit (0 for a root).

        Parameters
        ----------
        id : str
            A unit's id.

        Returns
        -------
        int

        Examples
        --------
        >>> import orgraph
        >>> org = orgraph.load("examples/dam_ha/org.yaml")
        >>> org.depth("dam-ha"), org.depth("ubkt")
        (0, 2)
        """
        return len(self.ancestors(id))

    def roots(self, *, include_ended: bool = False) -> list[Unit]:
        """Units without a parent.

        Parameters
        ----------
        include_ended : bool
            Also the roots that have ended.

        Returns
        -------
        list of Unit

        Examples
        --------
        >>> import orgraph
        >>> org = orgraph.load("examples/dam_ha/org.yaml")
        >>> [u.id for u in org.roots()]
        ['dam-ha']
        """
        return [
            u
            for u in self._store.records(UNIT)
            if u.parent is None and (include_ended or u.ended is None)
        ]
