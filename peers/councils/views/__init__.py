"""The councils' pages, one module per page group (see `peers.councils.urls`)."""
