"""Admin of the citizens app: only the settings an administrator may need; personal data stays in
the app's own pages, where every view is audited. The sub-domains register theirs in their own
`admin.py`, imported here because Django's autodiscovery imports only `<app>.admin`."""

from citizens.follow_up.admin import FollowUpSettingAdmin

__all__ = ["FollowUpSettingAdmin"]
