"""Peer mentors: their training (run by the training coordinator), placements, peer meetings and supervision."""
