"""Workshop pages, by stage: planning (set-up), live (the day), scenarios (after the day)."""
