"""Peer mentors: their training at Center Nordvest, placements, peer meetings and supervision."""
