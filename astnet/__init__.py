"""astnet: the web application of a municipality's aktivitets- og samværstilbud (AST)."""

from astnet.celery import app as celery_app

__all__ = ["celery_app"]
