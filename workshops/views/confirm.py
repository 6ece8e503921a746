"""The confirmation page before a delete, shared by the workshop pages."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import redirect, render


def confirm_delete(request: HttpRequest, *, context: dict, delete, done_url: str, done: str):
    """The confirmation page before a delete: what goes with it, or why it may not go.
    `delete` raises ValidationError to refuse; the page then shows why and nothing is changed."""
    error = None
    if request.method == "POST":
        try:
            delete()
        except ValidationError as refusal:
            error = " ".join(refusal.messages)
        else:
            messages.success(request, done)
            return redirect(done_url)
    return render(
        request,
        "workshops/confirm_delete.html",
        context | {"error": error},
        status=409 if error else 200,
    )
