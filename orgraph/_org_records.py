"""The record queries of :class:`orgraph.Org`: units, posts, people, appointments, links.

A mixin that ``Org`` composes; it reads the store an ``Org`` holds and nothing else.
"""

from __future__ import annotations

from collections.abc import Iterable

from orgraph._store import PERSON, POST, UNIT, _Store, link_key
from orgraph.errors import UnknownIdError
from orgraph.model import Appointment, Link, Person, Post, Unit, nfc

__all__: list[str] = []


class _RecordQueries:
    """Look-ups of one record, and lists of records filtered."""

    __slots__ = ()
    _store: _Store

    def has_unit(self, id: str) -> bool:
        """True if a unit (active or ended) has this id.

        Parameters
        ----------
        id : str
            The id to look up.

        Returns
        -------
        bool

        Examples
        --------
        >>> import orgraph
        >>> org = orgraph.load("examples/dam_ha/org.yaml")
        >>> org.has_unit("ubkt"), org.has_unit("ubkt.head")
        (True, False)
        """
        return self._store.is_(nfc(id), UNIT)

    def has_post(self, id: str) -> bool:
        """True if a post has this id.

        Parameters
        ----------
        id : str
            The id to look up.

        Returns
        -------
        bool

        Examples
        --------
        >>> import orgraph
        >>> org = orgraph.load("examples/dam_ha/org.yaml")
        >>> org.has_post("ubkt.head"), org.has_post("ubkt")
        (True, False)
        """
        return self._store.is_(nfc(id), POST)

    def has_person(self, id: str) -> bool:
        """True if a person has this id.

        Parameters
        ----------
        id : str
            The id to look up.

        Returns
        -------
        bool

        Examples
        --------
        >>> import orgraph
        >>> org = orgraph.load("examples/dam_ha/org.yaml")
        >>> org.has_person("p-duong-hong-hoa")
        True
        """
        return self._store.is_(nfc(id), PERSON)

    def has_link(self, source: str, target: str, kind: str) -> bool:
        """True if a link of ``kind`` runs from unit ``source`` to unit ``target``.

        Parameters
        ----------
        source, target : str
            The units at either end.
        kind : str
            The link's kind, such as ``coordination``.

        Returns
        -------
        bool

        Examples
        --------
        >>> import orgraph
        >>> org = orgraph.load("examples/dam_ha/org.yaml")
        >>> org.has_link("ban-to-chuc", "phong-noi-vu", "coordination")
        True
        """
        return self._store.has_edge(nfc(source), nfc(target), link_key(kind))

    def unit(self, id: str) -> Unit:
        """The unit with this id.

        Parameters
        ----------
        id : str
            The unit's id.

        Returns
        -------
        Unit
            Its record; :class:`UnknownIdError` if no unit has this id.

        Examples
        --------
        >>> import orgraph
        >>> org = orgraph.load("examples/dam_ha/org.yaml")
        >>> org.unit("ubkt").name
        'Ủy ban Kiểm tra Huyện ủy'
        """
        return self._store.obj(nfc(id), UNIT)  # type: ignore[no-any-return]

    def units(
        self,
        *,
        level: str | None = None,
        kind: str | None = None,
        bloc: str | None = None,
        include_ended: bool = False,
    ) -> list[Unit]:
        """Units in file order, filtered by level, kind and bloc; active only unless asked.

        Parameters
        ----------
        level, kind, bloc : str, optional
            Keep only the units with this level, kind or bloc.
        include_ended : bool
            Also the units that have ended.

        Returns
        -------
        list of Unit

        Examples
        --------
        >>> import orgraph
        >>> org = orgraph.load("examples/dam_ha/org.yaml")
        >>> len(org.units()), len(org.units(level="commune"))
        (81, 9)
        """
        return [
            u
            for u in self._store.records(UNIT)
            if (include_ended or u.ended is None)
            and (level is None or u.level == level)
            and (kind is None or u.kind == kind)
            and (bloc is None or u.bloc == bloc)
        ]

    def post(self, id: str) -> Post:
        """The post with this id.

        Parameters
        ----------
        id : str
            The post's id.

        Returns
        -------
        Post
            Its record; :class:`UnknownIdError` if no post has this id.

        Examples
        --------
        >>> import orgraph
        >>> org = orgraph.load("examples/dam_ha/org.yaml")
        >>> org.post("ubkt.head").role
        'head'
        """
        return self._store.obj(nfc(id), POST)  # type: ignore[no-any-return]

    def posts(self, unit: str | None = None, *, include_ended: bool = False) -> list[Post]:
        """All posts, or the posts of one unit (current ones unless ``include_ended``).

        Parameters
        ----------
        unit : str, optional
            A unit's id: only its posts.
        include_ended : bool
            Also the abolished posts.

        Returns
        -------
        list of Post

        Examples
        --------
        >>> import orgraph
        >>> org = orgraph.load("examples/dam_ha/org.yaml")
        >>> [p.id for p in org.posts("ubkt")]
        ['ubkt.head', 'ubkt.deputy', 'ubkt.specialist']
        """
        if unit is None:
            found: Iterable[Post] = self._store.records(POST)
        else:
            unit = nfc(unit)
            self.unit(unit)
            found = self._store.below(unit, "post")
        return [p for p in found if include_ended or p.ended is None]

    def person(self, id: str) -> Person:
        """The person with this id.

        Parameters
        ----------
        id : str
            The person's id.

        Returns
        -------
        Person
            Its record; :class:`UnknownIdError` if no person has this id.

        Examples
        --------
        >>> import orgraph
        >>> org = orgraph.load("examples/dam_ha/org.yaml")
        >>> org.person("p-duong-hong-hoa").name
        'Dương Hồng Hoa'
        """
        return self._store.obj(nfc(id), PERSON)  # type: ignore[no-any-return]

    def people(self) -> list[Person]:
        """All people, in file order.

        Returns
        -------
        list of Person

        Examples
        --------
        >>> import orgraph
        >>> org = orgraph.load("examples/dam_ha/org.yaml")
        >>> len(org.people())
        198
        """
        return list(self._store.records(PERSON))

    def appointments(
        self,
        *,
        person: str | None = None,
        post: str | None = None,
        include_ended: bool = False,
    ) -> list[Appointment]:
        """Appointments (current ones unless ``include_ended``), of one person or post if given.

        Parameters
        ----------
        person, post : str, optional
            Only the appointments of this person, or to this post.
        include_ended : bool
            Also the appointments that have ended.

        Returns
        -------
        list of Appointment

        Examples
        --------
        >>> import orgraph
        >>> org = orgraph.load("examples/dam_ha/org.yaml")
        >>> [a.person for a in org.appointments(post="ubkt.head")]
        ['p-duong-hong-hoa']
        """
        found: Iterable[Appointment]
        person = None if person is None else nfc(person)
        post = None if post is None else nfc(post)
        if person is not None:
            self.person(person)
            found = self._store.out_edges(person, "holds")
        elif post is not None:
            self.post(post)
            found = self._store.in_edges(post, "holds")
        else:
            found = self._store.edges("holds")
        result = [a for a in found if include_ended or a.end is None]
        if person is not None and post is not None:
            result = [a for a in result if a.post == post]
        return result

    def links(self, *, kind: str | None = None, unit: str | None = None) -> list[Link]:
        """Links between units, optionally of one kind or touching one unit.

        Parameters
        ----------
        kind : str, optional
            Only links of this kind.
        unit : str, optional
            Only links from or to this unit.

        Returns
        -------
        list of Link

        Examples
        --------
        >>> import orgraph
        >>> org = orgraph.load("examples/dam_ha/org.yaml")
        >>> [(l.source, l.target) for l in org.links(unit="phong-noi-vu")]
        [('phong-noi-vu', 'phong-tu-phap'), ('ban-to-chuc', 'phong-noi-vu')]
        """
        found: Iterable[Link]
        if unit is None:
            found = self._store.edges("link")
        else:
            unit = nfc(unit)
            self.unit(unit)
            found = [*self._store.out_edges(unit, "link"), *self._store.in_edges(unit, "link")]
        return [link for link in found if kind is None or link.kind == kind]

    def link(self, source: str, target: str, kind: str) -> Link:
        """The link of ``kind`` from ``source`` to ``target``.

        Parameters
        ----------
        source, target : str
            The units at either end.
        kind : str
            The link's kind.

        Returns
        -------
        Link
            Its record; :class:`UnknownIdError` if there is no such link.

        Examples
        --------
        >>> import orgraph
        >>> org = orgraph.load("examples/dam_ha/org.yaml")
        >>> org.link("ban-to-chuc", "phong-noi-vu", "coordination").note
        'cadre and civil-service management'
        """
        found = self._store.edge(nfc(source), nfc(target), link_key(kind))
        if found is None:
            raise UnknownIdError(f"{kind}:{source}->{target}", expected="link")
        return found  # type: ignore[no-any-return]

    def holders(self, post: str) -> list[Person]:
        """People currently holding a post.

        Parameters
        ----------
        post : str
            A post's id.

        Returns
        -------
        list of Person

        Examples
        --------
        >>> import orgraph
        >>> org = orgraph.load("examples/dam_ha/org.yaml")
        >>> [p.name for p in org.holders("ubkt.head")]
        ['Dương Hồng Hoa']
        """
        return [self.person(a.person) for a in self.appointments(post=post)]

    def posts_of(self, person: str) -> list[Post]:
        """Posts a person currently holds.

        Parameters
        ----------
        person : str
            A person's id.

        Returns
        -------
        list of Post

        Examples
        --------
        >>> import orgraph
        >>> org = orgraph.load("examples/dam_ha/org.yaml")
        >>> [p.id for p in org.posts_of("p-duong-hong-hoa")]
        ['ubkt.head']
        """
        return [self.post(a.post) for a in self.appointments(person=person)]

    def head(self, unit: str) -> Post | None:
        """The unit's post with role ``head`` (or, failing that, its first leadership post).

        Parameters
        ----------
        unit : str
            A unit's id.

        Returns
        -------
        Post or None
            None when the unit has no leadership post.

        Examples
        --------
        >>> import orgraph
        >>> org = orgraph.load("examples/dam_ha/org.yaml")
        >>> org.head("ubkt").title
        'Chủ nhiệm Ủy ban Kiểm tra Huyện ủy'
        """
        posts = self.posts(unit)
        for post in posts:
            if post.role == "head":
                return post
        return next((p for p in posts if p.leadership), None)
