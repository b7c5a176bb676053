"""Operations that move a post or carry it on as another: move_post, continue_post."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from orgraph.errors import Violation
from orgraph.model import Appointment, Id, Post
from orgraph.ops._transfer import release
from orgraph.ops.base import Context, OperationBase, unknown_or_ended, unknown_post
from orgraph.ops.posts import _start_free

if TYPE_CHECKING:
    from orgraph.org import Org

__all__ = ["ContinuePost", "MovePost"]


class MovePost(OperationBase):
    """Move a post to another unit; its holders keep it (their appointments go on)."""

    op: Literal["move_post"] = "move_post"
    needs_date = False
    post: Id
    unit: Id

    def validate(self, org: Org) -> list[Violation]:  # type: ignore[override]
        problems = unknown_post(org, self, self.post)
        problems += unknown_or_ended(org, self, [self.unit])
        if not problems and org.post(self.post).unit == self.unit:
            problems.append(
                self._violation(
                    "same_unit", f"post {self.post!r} is already in {self.unit!r}", self.post
                )
            )
        return problems

    def _apply(self, org: Org, ctx: Context) -> None:
        post = org.post(self.post)
        ctx.store.put_post(post.model_copy(update={"unit": self.unit}))
        ctx.move("post", self.post, post.unit, self.unit)

    def inverse(self, before: Org) -> list[Any]:
        return [MovePost(post=self.post, unit=before.post(self.post).unit)]


class ContinuePost(OperationBase):
    """A post ends and continues as another post (post lineage).

    ``into`` is a new post (created in an active unit) or the id of an active post. The
    old post is abolished on the effective date and its holders are appointed to the
    post it continues as, from that date (acting stays acting). The event is the post's
    lineage record: :func:`orgraph.history_queries.post_lineage` reads it back.
    """

    op: Literal["continue_post"] = "continue_post"
    post: Id
    into: Id | Post

    @property
    def into_id(self) -> str:
        return self.into if isinstance(self.into, str) else self.into.id

    def validate(self, org: Org) -> list[Violation]:  # type: ignore[override]
        problems = unknown_post(org, self, self.post)
        if isinstance(self.into, str):
            problems += unknown_post(org, self, self.into, role="into")
            if self.into == self.post:
                problems.append(
                    self._violation("same_post", "a post cannot continue as itself", self.post)
                )
        else:
            problems += unknown_or_ended(org, self, [self.into.unit])
            if self.into.id in org:
                problems.append(
                    self._violation(
                        "id_taken", f"id {self.into.id!r} is already used", self.into.id
                    )
                )
            if self.into.ended is not None:
                problems.append(
                    self._violation("ended_post", "a new post cannot be abolished", self.into.id)
                )
        if problems:
            return problems
        for appointment in org.appointments(post=self.post):
            problems += _start_free(org, self, appointment.person, self.into_id, self.effective)
            if isinstance(self.into, str) and any(
                a.person == appointment.person for a in org.appointments(post=self.into)
            ):
                problems.append(
                    self._violation(
                        "already_holds",
                        f"{appointment.person!r} already holds {self.into!r}",
                        appointment.person,
                        self.into,
                    )
                )
        return problems

    def _apply(self, org: Org, ctx: Context) -> None:
        if isinstance(self.into, Post):
            ctx.store.put_post(self.into)
            ctx.created_posts.append(self.into.id)
        target = self.into_id
        for appointment in org.appointments(post=self.post):
            release(org, ctx, appointment)
            new = Appointment(
                person=appointment.person, post=target, start=ctx.when, acting=appointment.acting
            )
            ctx.store.add_appointment(new)
            ctx.appointed.append(new)
        ctx.store.put_post(org.post(self.post).model_copy(update={"ended": ctx.when}))
        ctx.abolished_posts.append(self.post)
