"""In a migration of its own: PostgreSQL refuses ALTER TABLE on rows 0005 just updated."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("peers", "0005_vote_rules_fixed_at_opening"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name="application",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("state", "in_vote"), _negated=True),
                    models.Q(
                        models.Q(("vote_quorum_rule", ""), _negated=True),
                        models.Q(("vote_tie_rule", ""), _negated=True),
                        ("vote_open_votes__isnull", False),
                    ),
                    _connector="OR",
                ),
                name="application_vote_rules_fixed",
            ),
        ),
    ]
