"""`__in` on integer fields leaves out values the column cannot hold, as Django's own `exact`,
`gt`, `gte`, `lt` and `lte` do (its IntegerFieldOverflow): a form that posts the id 2**63 for a
choice of several gets "not a valid choice", not a database error. On SQLite that value raised
OverflowError, a 500 on the citizen form (found by tests/astnet/test_form_fuzz.py)."""

from django.db.models import IntegerField
from django.db.models.lookups import In


class IntegerFieldIn(In):
    """`field__in=[...]` on an IntegerField (ids included): values outside the column's range
    match no row, so they are dropped before the query is sent; none left matches nothing."""

    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            low, high = connection.ops.integer_field_range(
                self.lhs.output_field.get_internal_type()
            )
            self.rhs = [
                value
                for value in self.rhs
                if not isinstance(value, int)
                or ((low is None or value >= low) and (high is None or value <= high))
            ]
        return super().process_rhs(compiler, connection)


def register() -> None:
    """For every IntegerField, from AstnetConfig.ready()."""
    IntegerField.register_lookup(IntegerFieldIn)
