"""The Django admin's lists and forms of models about citizens write view events like every other
page that shows personal data (issue 16). Wrapped once at start-up for every registered model the
personal-data registry declares as about a citizen, so an admin class added later is covered."""

from functools import wraps

from astnet import personal_data
from astnet.audit import Action, audit_record


def _audited(view, label: str, detail: str, takes_id: bool):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code == 200:
            object_id = (kwargs.get("object_id") or (args[0] if args else "")) if takes_id else ""
            audit_record(
                actor=request.user,
                action=Action.VIEW,
                object_type=label,
                object_id=object_id,
                request=request,
                detail=detail,
            )
        return response

    return wrapper


def audit_admin_views(site) -> list[str]:
    """Wrap the list, form and history views of every model about a citizen registered on `site`;
    returns the labels wrapped."""
    about = {d.label for d in personal_data.about_citizens()}
    wrapped = []
    for model, model_admin in site._registry.items():
        label = model._meta.label_lower
        if label not in about or getattr(model_admin, "_astnet_audited", False):
            continue
        model_admin.changelist_view = _audited(
            model_admin.changelist_view, label, "admin list", takes_id=False
        )
        model_admin.change_view = _audited(model_admin.change_view, label, "admin form", True)
        model_admin.history_view = _audited(model_admin.history_view, label, "admin history", True)
        model_admin._astnet_audited = True
        wrapped.append(label)
    return wrapped
