"""The writing pages: starting a thread, replying, editing and deleting a post. Each view
hands its form to the one write rule (forum.writing); the boards' blueprint serves them."""

from dataclasses import replace

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from forum.boards import forms
from forum.boards.filled import filled_in, private_if
from forum.boards.loaders import load_board, load_post, load_thread
from forum.checkins.queries import pledged_today, with_pledged_line
from forum.errors import NotAllowed
from forum.extensions import db
from forum.posts import lifecycle
from forum.posts import queries as posts
from forum.posts.models import Post, Thread, ThreadKind
from forum.posts.permissions import can_delete_post, can_edit_post, can_post, can_reply
from forum.posts.visibility import can_view_post, can_view_thread, is_listed_in_thread
from forum.web import limits
from forum.web.forms import ConfirmForm
from forum.web.paging import id_from
from forum.web.urls import thread_url
from forum.writing.responses import write_from_form
from forum.writing.services import write_edit, write_reply, write_thread


def add_routes(bp: Blueprint) -> None:
    """Serve these pages from the boards' one blueprint (forum.boards.views), so that their
    endpoints stay boards.new_thread, boards.reply, boards.edit_post and boards.delete_post."""
    bp.add_url_rule("/b/<slug>/new", view_func=new_thread, methods=["GET", "POST"])
    bp.add_url_rule("/t/<int:thread_id>/reply", view_func=reply, methods=["GET", "POST"])
    bp.add_url_rule("/p/<int:post_id>/edit", view_func=edit_post, methods=["GET", "POST"])
    bp.add_url_rule("/p/<int:post_id>/delete", view_func=delete_post, methods=["GET", "POST"])


@login_required
def new_thread(slug: str):
    board = load_board(slug)
    if not can_post(current_user, board):
        raise NotAllowed(_("You can't start a thread on this board right now."))
    data, resumed = filled_in("thread", board.id)
    form = forms.ThreadForm(data=data)
    answer = write_from_form(
        form,
        lambda draft: write_thread(current_user, board, draft),
        lambda post: thread_url(post.thread),
        _("Your thread is posted."),
    )
    if answer:
        return answer
    page = render_template("boards/new_thread.html", board=board, form=form, resumed=resumed)
    return page, 400 if form.errors else 200, private_if(data is not None, form)


@limits.form_page("boards.new_thread")
def _new_thread_again(slug: str) -> str:
    return render_template(
        "boards/new_thread.html", board=load_board(slug), form=forms.ThreadForm()
    )


@login_required
def reply(thread_id: int):
    thread = load_thread(thread_id)
    if not can_reply(current_user, thread):
        raise NotAllowed(_("This thread doesn't take replies from you right now."))
    data, resumed = filled_in("reply", thread.id)
    form = forms.ReplyForm(data=data)
    parent = _parent_for(thread, form.parent_id.data or request.args.get("to"))
    answer = write_from_form(
        form,
        lambda draft: write_reply(current_user, thread, _as_said(thread, form, draft), parent),
        _permalink,
        _("Your reply is posted."),
    )
    if answer:
        return answer
    if parent is not None and not form.parent_id.data:
        form.parent_id.data = str(parent.id)
    status = 400 if form.errors else 200
    page = render_template(
        "boards/reply.html", thread=thread, parent=parent, form=form, resumed=resumed
    )
    return page, status, private_if(data is not None, form)


def _as_said(thread: Thread, form, draft):
    """A check-in reply begins with "Pledged today" when its author pledged and chose to say so."""
    if form.say_pledged.data and thread.kind == ThreadKind.CHECKIN and pledged_today(current_user):
        return replace(draft, body=with_pledged_line(draft.body))
    return draft


@limits.form_page("boards.reply")
def _reply_again(thread_id: int) -> str:
    thread = load_thread(thread_id)
    form = forms.ReplyForm()
    parent = _parent_for(thread, form.parent_id.data)
    return render_template("boards/reply.html", thread=thread, parent=parent, form=form)


def _parent_for(thread: Thread, raw_id) -> Post | None:
    parent_id = id_from(raw_id)
    if parent_id is None:
        return None
    parent = posts.post_by_id(parent_id)
    if parent is None or parent.thread_id != thread.id or not can_view_post(current_user, parent):
        return None
    return parent


def _permalink(post: Post) -> str:
    return url_for("boards.permalink", post_id=post.id)


@login_required
def edit_post(post_id: int):
    post = load_post(post_id)
    if not can_edit_post(current_user, post):
        raise NotAllowed(_("You can only edit your own posts."))
    form = forms.EditPostForm(
        data={
            "title": post.thread.title if post.is_opening else None,
            "body": post.body_source,
            "content_note": post.content_note or "",
            "content_note_text": post.content_note_text,
            "language": post.language,
        }
    )
    answer = write_from_form(
        form,
        lambda draft: write_edit(current_user, post, draft),
        _permalink,
        _("Your changes are saved."),
    )
    status = 400 if form.errors else 200
    return answer or (render_template("boards/edit.html", post=post, form=form), status)


@login_required
def delete_post(post_id: int):
    post = load_post(post_id)
    if not can_delete_post(current_user, post):
        raise NotAllowed(_("You can only delete your own posts."))
    form = ConfirmForm()
    if form.validate_on_submit():
        lifecycle.delete_post(current_user, post)
        db.session.commit()
        flash(_("Your post is deleted."), "success")
        if can_view_thread(current_user, post.thread):
            # A post taken back before it was approved leaves no place to link to.
            listed = is_listed_in_thread(current_user, post)
            return redirect(_permalink(post) if listed else thread_url(post.thread))
        return redirect(url_for("boards.board", slug=post.thread.board.slug))
    return render_template("boards/delete.html", post=post, form=form)
