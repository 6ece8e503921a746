"""The roof over the apps: dashboards, the committee's status reports and their tasks, the role
home pages.

It may import every app; nothing imports it (the URL conf includes it by string). It has no models:
the Report model stays in `astnet.models` so its app label, table and migrations do not change.
"""
