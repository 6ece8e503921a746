"""The peer-mentor pages, by page group (see `peers.mentors.urls`)."""
