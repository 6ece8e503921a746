"""Pages for courses (forløb), by sub-topic: `course` (catalogue and course page), `register`
(sessions and attendance), `enrolment` (enrolment and the waiting list), `goals` (goals, ratings
and the outcome summary)."""
