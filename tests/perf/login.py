"""Logging a bench user in over HTTP, as a browser does (shared by scenario.py and the locustfile)."""

import requests


def logged_in(host: str, username: str, password: str) -> requests.Session:
    session = requests.Session()
    session.get(host + "/login/")
    response = session.post(
        host + "/login/",
        {"username": username, "password": password},
        headers={"X-CSRFToken": session.cookies.get("csrftoken", "")},
    )
    if "sessionid" not in session.cookies:
        raise RuntimeError(f"{username} could not log in ({response.status_code})")
    return session
