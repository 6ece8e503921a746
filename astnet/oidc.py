"""Login through the municipality's identity provider (OpenID Connect).

Only people who already have an account with a membership may log in this way: the identity
provider says who someone is, astnet's memberships say what they may do.
"""

from mozilla_django_oidc.auth import OIDCAuthenticationBackend


class MembershipOIDCBackend(OIDCAuthenticationBackend):
    def filter_users_by_claims(self, claims):
        email = claims.get("email")
        if not email:
            return self.UserModel.objects.none()
        return self.UserModel.objects.filter(
            email__iexact=email, is_active=True, memberships__isnull=False
        ).distinct()
