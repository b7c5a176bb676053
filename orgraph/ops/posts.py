"""Operations on posts and people: create and abolish posts, appoint, release, rotate."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Literal

from orgraph.errors import Violation
from orgraph.model import Appointment, Id, Person, Post
from orgraph.ops._transfer import release
from orgraph.ops.base import Context, OperationBase, unknown_or_ended, unknown_post

if TYPE_CHECKING:
    from orgraph.org import Org

__all__ = ["AbolishPost", "Appoint", "ConcurrentRole", "CreatePost", "Release", "Rotate"]


def _holds(org: Org, person: str, post: str) -> Appointment | None:
    if not org.has_person(person):
        return None
    return next((a for a in org.appointments(person=person) if a.post == post), None)


def _start_free(
    org: Org, op: OperationBase, person: str, post: str, when: date | None
) -> list[Violation]:
    """Whether ``person`` can start holding ``post`` on ``when`` (the current holding
    itself is checked by the caller, as ``already_holds``)."""
    if not org.has_person(person):
        return []
    earlier = [a for a in org.appointments(person=person, include_ended=True) if a.post == post]
    # Appointments are identified by (person, post, start): a second one starting the
    # same day would overwrite the first.
    if any(a.start == when for a in earlier):
        return [
            op._violation(
                "same_day",
                f"{person!r} already had an appointment to {post!r} starting that day",
                person,
                post,
            )
        ]
    # An ended appointment that runs past the new start (an operation dated back): the
    # person would hold the post twice at once.
    new = Appointment(person=person, post=post, start=when)
    clash = next((a for a in earlier if a.end is not None and a.overlaps(new)), None)
    if clash is not None:
        return [
            op._violation(
                "overlapping_appointments",
                f"{person!r} held {post!r} from {clash.start or 'an unknown date'} until "
                f"{clash.end}, after {when}: the same post cannot be held twice at once",
                person,
                post,
            )
        ]
    return []


def _appoint(org: Org, ctx: Context, person: str, post: str, *, acting: bool = False) -> None:
    appointment = Appointment(person=person, post=post, start=ctx.when, acting=acting)
    ctx.store.add_appointment(appointment)
    ctx.appointed.append(appointment)


class CreatePost(OperationBase):
    """Create a post in an active unit."""

    op: Literal["create_post"] = "create_post"
    needs_date = False
    post: Post

    def validate(self, org: Org) -> list[Violation]:  # type: ignore[override]
        problems = unknown_or_ended(org, self, [self.post.unit])
        if self.post.id in org:
            problems.append(
                self._violation("id_taken", f"id {self.post.id!r} is already used", self.post.id)
            )
        if self.post.ended is not None:
            problems.append(
                self._violation("ended_post", "a new post cannot be abolished", self.post.id)
            )
        return problems

    def _apply(self, org: Org, ctx: Context) -> None:
        ctx.store.put_post(self.post)
        ctx.created_posts.append(self.post.id)


class AbolishPost(OperationBase):
    """Abolish a post; its holders are released."""

    op: Literal["abolish_post"] = "abolish_post"
    post: Id

    def validate(self, org: Org) -> list[Violation]:  # type: ignore[override]
        return unknown_post(org, self, self.post)

    def _apply(self, org: Org, ctx: Context) -> None:
        for appointment in org.appointments(post=self.post):
            release(org, ctx, appointment)
        ctx.store.put_post(org.post(self.post).model_copy(update={"ended": ctx.when}))
        ctx.abolished_posts.append(self.post)


class Appoint(OperationBase):
    """Appoint a person to a post (bổ nhiệm).

    ``person`` is an existing person's id or a new ``{id, name}``. With ``replace``, the
    post's current holders are released first.
    """

    op: Literal["appoint"] = "appoint"
    person: Id | Person
    post: Id
    acting: bool = False
    replace: bool = False

    @property
    def person_id(self) -> str:
        return self.person if isinstance(self.person, str) else self.person.id

    def validate(self, org: Org) -> list[Violation]:  # type: ignore[override]
        problems = unknown_post(org, self, self.post)
        if isinstance(self.person, str):
            if not org.has_person(self.person):
                problems.append(
                    self._violation(
                        "unknown_person", f"person {self.person!r} does not exist", self.person
                    )
                )
        elif self.person.id in org and not (
            org.has_person(self.person.id) and org.person(self.person.id) == self.person
        ):
            problems.append(
                self._violation(
                    "id_taken",
                    f"id {self.person.id!r} is already used by someone else",
                    self.person.id,
                )
            )
        if problems:
            return problems
        if _holds(org, self.person_id, self.post):
            problems.append(
                self._violation(
                    "already_holds",
                    f"{self.person_id!r} already holds {self.post!r}",
                    self.person_id,
                    self.post,
                )
            )
        return problems + _start_free(org, self, self.person_id, self.post, self.effective)

    def _apply(self, org: Org, ctx: Context) -> None:
        if isinstance(self.person, Person) and not org.has_person(self.person.id):
            ctx.store.put_person(self.person)
        if self.replace:
            for appointment in org.appointments(post=self.post):
                release(org, ctx, appointment)
        _appoint(org, ctx, self.person_id, self.post, acting=self.acting)


class Release(OperationBase):
    """End a person's appointment to a post (miễn nhiệm); the record is kept."""

    op: Literal["release"] = "release"
    person: Id
    post: Id

    def validate(self, org: Org) -> list[Violation]:  # type: ignore[override]
        if _holds(org, self.person, self.post) is None:
            return [
                self._violation(
                    "not_holder",
                    f"{self.person!r} does not hold {self.post!r}",
                    self.person,
                    self.post,
                )
            ]
        return []

    def _apply(self, org: Org, ctx: Context) -> None:
        appointment = _holds(org, self.person, self.post)
        assert appointment is not None
        release(org, ctx, appointment)


class ConcurrentRole(OperationBase):
    """Whoever holds ``primary`` also holds ``secondary`` (nhất thể hóa chức danh).

    The previous holders of ``secondary`` are released from it.
    """

    op: Literal["concurrent_role"] = "concurrent_role"
    primary: Id
    secondary: Id

    def validate(self, org: Org) -> list[Violation]:  # type: ignore[override]
        problems = unknown_post(org, self, self.primary, role="primary") + unknown_post(
            org, self, self.secondary, role="secondary"
        )
        if problems:
            return problems
        if self.primary == self.secondary:
            return [
                self._violation(
                    "same_post", "primary and secondary are the same post", self.primary
                )
            ]
        holders = [p.id for p in org.holders(self.primary)]
        if not holders:
            return [
                self._violation("vacant", f"primary post {self.primary!r} is vacant", self.primary)
            ]
        held = {p.id for p in org.holders(self.secondary)}
        if set(holders) <= held:
            problems.append(
                self._violation(
                    "already_concurrent",
                    f"the holder of {self.primary!r} already holds {self.secondary!r}",
                    self.primary,
                    self.secondary,
                )
            )
        for person in holders:
            if person not in held:
                problems += _start_free(org, self, person, self.secondary, self.effective)
        return problems

    def _apply(self, org: Org, ctx: Context) -> None:
        holders = [a.person for a in org.appointments(post=self.primary)]
        for appointment in org.appointments(post=self.secondary):
            if appointment.person not in holders:
                release(org, ctx, appointment)
        held = {a.person for a in org.appointments(post=self.secondary)}
        for person in holders:
            if person not in held:
                _appoint(org, ctx, person, self.secondary)


class Rotate(OperationBase):
    """Move a person from one post to another (luân chuyển, điều động).

    With ``replace``, whoever held ``to_post`` is released from it first.
    """

    op: Literal["rotate"] = "rotate"
    person: Id
    from_post: Id
    to_post: Id
    replace: bool = False

    def validate(self, org: Org) -> list[Violation]:  # type: ignore[override]
        problems = unknown_post(org, self, self.to_post, role="to_post")
        if _holds(org, self.person, self.from_post) is None:
            problems.append(
                self._violation(
                    "not_holder",
                    f"{self.person!r} does not hold {self.from_post!r}",
                    self.person,
                    self.from_post,
                )
            )
        elif _holds(org, self.person, self.to_post) is not None:
            problems.append(
                self._violation(
                    "already_holds",
                    f"{self.person!r} already holds {self.to_post!r}",
                    self.person,
                    self.to_post,
                )
            )
        if self.from_post == self.to_post:
            problems.append(
                self._violation(
                    "same_post", "from_post and to_post are the same post", self.from_post
                )
            )
        return problems + _start_free(org, self, self.person, self.to_post, self.effective)

    def _apply(self, org: Org, ctx: Context) -> None:
        appointment = _holds(org, self.person, self.from_post)
        assert appointment is not None
        release(org, ctx, appointment)
        if self.replace:
            for other in org.appointments(post=self.to_post):
                release(org, ctx, other)
        _appoint(org, ctx, self.person, self.to_post, acting=appointment.acting)
