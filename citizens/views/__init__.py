"""Pages for the daily work with citizens, by sub-topic: `today` (check-in at one offer) and
`citizen` (the citizen page, the record, talks, consent)."""
