"""Admin for the users' councils: rules and seats read only, budgets saved through the service."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from peers.councils import services
from peers.councils.forms import KronerField
from peers.councils.models import Application, Budget, Council, CouncilMember
from peers.councils.money import kroner


@admin.register(Council)
class CouncilAdmin(admin.ModelAdmin):
    """The voting rules are read only here: they change on the leader's page, which audits it."""

    list_display = ["name", "kind", "scope", "offer", "district"]
    list_filter = ["kind", "scope"]
    readonly_fields = list(services.COUNCIL_RULE_FIELDS)


class BudgetAdminForm(forms.ModelForm):
    # Typed in kroner like on the leader's page, stored in øre (issue 20: 20000 meant 200,00 kr.).
    amount_ore = KronerField(label=_("Budget i kroner"), help_text=_("Fx 25000 eller 25.000,00."))

    class Meta:
        model = Budget
        fields = ["council", "year", "amount_ore"]

    def clean(self):
        cleaned = super().clean()
        budget = self.instance
        amount = cleaned.get("amount_ore")
        if budget.pk and amount is not None:
            already = services.granted_ore(budget)
            if amount < already:
                self.add_error(
                    "amount_ore",
                    _(
                        "Budgettet kan ikke sættes under det, der allerede er bevilget (%(granted)s)."
                    )
                    % {"granted": kroner(already)},
                )
        return cleaned


@admin.register(Budget)
class BudgetAdmin(admin.ModelAdmin):
    """Saves go through peers.councils.services.budget_set, like the leader's page: the same check against
    what is granted, under the same lock, and audited."""

    form = BudgetAdminForm
    list_display = ["council", "year", "amount"]
    list_filter = ["year"]

    @admin.display(description=_("Budget"), ordering="amount_ore")
    def amount(self, budget: Budget) -> str:
        return kroner(budget.amount_ore)

    def get_readonly_fields(self, request, obj=None):
        # Moving a budget to another council or year would move its grants with it.
        return ["council", "year"] if obj is not None else []

    def save_model(self, request, obj, form, change) -> None:
        saved = services.budget_set(
            council=obj.council, year=obj.year, amount_ore=obj.amount_ore, by=request.user
        )
        obj.pk = saved.pk

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(CouncilMember)
class CouncilMemberAdmin(admin.ModelAdmin):
    """Read only: seats are added through peers.councils.services.council_member_add, which also gives the
    login membership."""

    list_display = ["council", "user", "role", "term_from", "term_to"]
    list_filter = ["role"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    """Read only: applications change state only through the council's votes."""

    list_display = ["title", "council", "state", "amount", "submitted_at"]
    list_filter = ["state"]

    @admin.display(description=_("Beløb"), ordering="amount_ore")
    def amount(self, application: Application) -> str:
        return kroner(application.amount_ore)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
