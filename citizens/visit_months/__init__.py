"""The exact monthly pre-aggregate of visits (issue 22): one row per offer, citizen and month with
the days of that month the citizen came, so dashboards and reports count distinct citizens over
months without reading every visit."""
