"""Settings for astnet, read from the environment (django-environ).

Without DATABASE_URL the app runs on a SQLite file under var/; without REDIS_URL Celery tasks run
in-process. Every secret and address comes from the environment.
"""

from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)

if DEBUG:
    # Only a local development server may run with a key everyone can read.
    SECRET_KEY = env.str("SECRET_KEY", default="astnet-local-development-only")
else:
    SECRET_KEY = env.str("SECRET_KEY", default="")
    if not SECRET_KEY:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # Django's admin on our own default site (astnet/admin_site.py, issue 20).
    "astnet.apps.AstnetAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    "django_filters",
    "django_celery_beat",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "mozilla_django_oidc",
    "astnet",
    "offers",
    "citizens",
    "peers",
    "workshops",
    # The roof: dashboards and reports, and the demo data. They import the apps, never the reverse.
    "astnet.reporting",
    "astnet.demo",
]

MIDDLEWARE = [
    "astnet.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "astnet.middleware.StyleNonceMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "astnet.middleware.IdleAwareSessionMiddleware",
    "astnet.middleware.DanishUnlessChosenMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "astnet.oidc.ProviderSessionRefresh",
    "django_otp.middleware.OTPMiddleware",
    "astnet.middleware.SecondFactorMiddleware",
    "astnet.audit.AuditRequestMiddleware",
    "astnet.middleware.NoStoreWhenSignedInMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "astnet.middleware.HtmxLoginRedirectMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "astnet.urls"
WSGI_APPLICATION = "astnet.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "astnet.context_processors.navigation",
                "astnet.municipality.municipality",
            ],
            # Danish dates and numbers on every page without a {% load %} (issue 20); {% row_url %}
            # for any URL inside {% for %}, one reverse per list (issue 22).
            "builtins": ["astnet.templatetags.danish", "astnet.templatetags.row_links"],
        },
    }
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'astnet.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# A read replica for dashboards and reports (astnet/db_router.py). In tests it mirrors the primary.
if env.str("DATABASE_REPLICA_URL", default=""):
    DATABASES["replica"] = env.db("DATABASE_REPLICA_URL")
    DATABASES["replica"]["CONN_MAX_AGE"] = DATABASES["default"]["CONN_MAX_AGE"]
    DATABASES["replica"]["CONN_HEALTH_CHECKS"] = True
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
# PostgreSQL's JIT compiles a query's expressions to machine code once its estimated cost passes a
# threshold; on this workload (many small indexed queries) it cost 3–5.7 ms per query against
# 0.4 ms without it (issue 22): JIT pays off for long analytic scans, which the app does not run.
# Server-side binding, and psycopg's own threshold (Django switches preparing off by default), let a
# connection prepare a statement it has run five times, so PostgreSQL plans it once per connection:
# planning was 3.8 of the citizen page's 4.9 ms in PostgreSQL (issue 22). A transaction-mode pooler
# (PgBouncer without prepared-statement support) in front of PostgreSQL needs them off:
# DATABASE_PREPARED_STATEMENTS=0.
for _alias in DATABASES:
    if DATABASES[_alias]["ENGINE"] == "django.db.backends.postgresql":
        _options = DATABASES[_alias].setdefault("OPTIONS", {})
        _options["options"] = "-c jit=off"
        _options["server_side_binding"] = True
        _options["prepare_threshold"] = (
            5 if env.bool("DATABASE_PREPARED_STATEMENTS", default=True) else None
        )
DATABASE_ROUTERS = ["astnet.db_router.ReplicaRouter"]
# The role web, worker and beat connect as; `migrate`, run as the owner, grants it what it needs
# and only SELECT and INSERT on the audit log (astnet/db_roles.py, issue 16).
DATABASE_RUNTIME_ROLE = env.str("DATABASE_RUNTIME_ROLE", default="")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Passwords: Argon2 first, as recommended by Django's own documentation.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
# Danish, in the site's layout (templates/403_csrf.html), never Django's English page.
CSRF_FAILURE_VIEW = "astnet.views.csrf_failure"

# The municipality's identity provider, switched on by its OIDC_* variables (astnet/oidc.py). A
# misconfiguration is reported by `manage.py check` (astnet.E017) and shown as a Danish page.
OIDC_RP_CLIENT_ID = env.str("OIDC_RP_CLIENT_ID", default="")
OIDC_ENABLED = bool(OIDC_RP_CLIENT_ID)
OIDC_RP_CLIENT_SECRET = env.str("OIDC_RP_CLIENT_SECRET", default="")
OIDC_RP_SIGN_ALGO = env.str("OIDC_RP_SIGN_ALGO", default="RS256")
OIDC_RP_SCOPES = env.str("OIDC_RP_SCOPES", default="openid email profile")
OIDC_OP_AUTHORIZATION_ENDPOINT = env.str("OIDC_OP_AUTHORIZATION_ENDPOINT", default="")
OIDC_OP_TOKEN_ENDPOINT = env.str("OIDC_OP_TOKEN_ENDPOINT", default="")
OIDC_OP_USER_ENDPOINT = env.str("OIDC_OP_USER_ENDPOINT", default="")
OIDC_OP_JWKS_ENDPOINT = env.str("OIDC_OP_JWKS_ENDPOINT", default="")
# The provider's end_session_endpoint: "Log ud" ends the session there too.
OIDC_OP_LOGOUT_ENDPOINT = env.str("OIDC_OP_LOGOUT_ENDPOINT", default="")
OIDC_OP_LOGOUT_URL_METHOD = "astnet.oidc.provider_logout_url"
OIDC_STORE_ID_TOKEN = True
OIDC_USE_PKCE = True
OIDC_CREATE_USER = True
LOGIN_REDIRECT_URL_FAILURE = "/login/"
# A user disabled at the provider loses access within this many seconds (SessionRefresh).
OIDC_RENEW_ID_TOKEN_EXPIRY_SECONDS = env.int("OIDC_RENEW_SECONDS", default=5 * 60)
OIDC_AUTHENTICATE_CLASS = "astnet.oidc.AuthenticateView"
OIDC_CALLBACK_CLASS = "astnet.oidc.CallbackView"
# Roles from the provider's groups claim, e.g. {"AST-Nabo": [{"role": "staff", "offer": "nabo"}],
# "AST-ledere-Syd": [{"role": "leader", "district": "syd"}]}; applied at every login.
OIDC_GROUPS_CLAIM = env.str("OIDC_GROUPS_CLAIM", default="groups")
OIDC_GROUP_MEMBERSHIPS = env.json("OIDC_GROUP_MEMBERSHIPS", default={})
# Whom someone the provider knows, but astnet gives no role, should ask (shown on the Danish page).
OIDC_ACCESS_CONTACT = env.str("OIDC_ACCESS_CONTACT", default="")
# Tests run their provider on plain http; production endpoints must be https.
OIDC_ALLOW_HTTP = env.bool("OIDC_ALLOW_HTTP", default=False)
if OIDC_ENABLED:
    AUTHENTICATION_BACKENDS.append("astnet.oidc.MembershipOIDCBackend")

# A second factor (TOTP) for the roles that see a whole district or the whole city. Production sets
# REQUIRE_OTP=1 (a deploy check warns otherwise); the demo and the tests leave it off.
REQUIRE_OTP = env.bool("REQUIRE_OTP", default=False)
OTP_TOTP_ISSUER = "astnet"

# Lockout after repeated failures (django-axes).
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=1.0)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
# The client's address behind TRUSTED_PROXY_COUNT proxies (astnet/network.py), for lockout and audit.
AXES_CLIENT_IP_CALLABLE = "astnet.network.client_ip"
# Only password logins count: a failed login through the provider never locks anyone out.
AXES_WHITELIST_CALLABLE = "astnet.oidc.not_a_password_login"

# Sessions end after 30 idle minutes: a request renews the half hour, writing the session at most
# once a minute and never on a background poll (astnet.middleware.IdleAwareSessionMiddleware).
# Messages name citizens ("Bodil er tjekket ind"): they stay on the server with the session, never
# in a signed (readable) cookie (issue 16).
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_SECONDS", default=30 * 60)
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Behind TLS in production (HTTPS=1): secure cookies, HSTS and a redirect to https.
HTTPS = env.bool("HTTPS", default=False)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
BEHIND_PROXY = env.bool("BEHIND_PROXY", default=False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# How many proxies (load balancer, nginx) stand in front of the app and add the client to the
# forwarded-for header (astnet/network.py).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=1 if BEHIND_PROXY else 0)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# No inline script or style anywhere: what a page needs comes from our own static files. The few
# <style> blocks that charts carry are allowed by the per-request nonce.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    },
}

# "Log ud" is a form whose answer redirects to the provider's end-session endpoint; form-action
# covers that redirect, so the provider's origin is allowed there (astnet/oidc.py).
if OIDC_OP_LOGOUT_ENDPOINT:
    from urllib.parse import urlsplit

    _provider = urlsplit(OIDC_OP_LOGOUT_ENDPOINT)
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"].append(
        f"{_provider.scheme}://{_provider.netloc}"
    )

LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Dansk")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=VAR_DIR / "static")
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("dkfds", BASE_DIR / "node_modules" / "dkfds" / "dist"),
]
# Files browsers ask for at the site's root (/favicon.ico, also from the admin's pages), served by
# whitenoise so no browser console shows a 404 (issue 20).
WHITENOISE_ROOT = BASE_DIR / "static" / "root"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
# Reports and attachments hold personal or sensitive data: never served as plain media. They live in
# STORAGES["private"]: a folder (in docker-compose a volume shared by web and worker) or, for an
# installation on several hosts, a private bucket of an S3-compatible object store (PRIVATE_S3_*).
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=VAR_DIR / "private")
PRIVATE_S3_BUCKET = env.str("PRIVATE_S3_BUCKET", default="")
if PRIVATE_S3_BUCKET:
    PRIVATE_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": PRIVATE_S3_BUCKET,
            "endpoint_url": env.str("PRIVATE_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("PRIVATE_S3_REGION", default="") or None,
            "access_key": env.str("PRIVATE_S3_ACCESS_KEY_ID", default="") or None,
            "secret_key": env.str("PRIVATE_S3_SECRET_ACCESS_KEY", default="") or None,
            "location": env.str("PRIVATE_S3_PREFIX", default="private"),
            # Objects are private; the app reads them and streams them through access-checked views.
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": 60,
            "file_overwrite": False,
        },
    }
else:
    PRIVATE_STORAGE = {"BACKEND": "astnet.storage.PrivateStorage"}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": PRIVATE_STORAGE,
    "staticfiles": {
        "BACKEND": "astnet.static_storage.ManifestStaticFiles"
        if env.bool("STATIC_MANIFEST", default=not DEBUG)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

REDIS_URL = env.str("REDIS_URL", default="")
# `make run` without Redis: a real worker beside runserver, the queue in files under this folder
# (kombu's filesystem transport), so ordering a report takes production's path (issue 17).
_broker_dir = "" if REDIS_URL else env.str("CELERY_BROKER_DIR", default="")
CELERY_BROKER_DIR = Path(_broker_dir).resolve() if _broker_dir else None
CELERY_TASK_ALWAYS_EAGER = not (REDIS_URL or CELERY_BROKER_DIR)
CELERY_TASK_EAGER_PROPAGATES = True
if CELERY_BROKER_DIR:
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_BROKER_DIR / "queue"),
        "data_folder_out": str(CELERY_BROKER_DIR / "queue"),
        "control_folder": str(CELERY_BROKER_DIR / "control"),
    }
    CELERY_RESULT_BACKEND = f"file://{CELERY_BROKER_DIR / 'results'}"
    for _folder in ("queue", "control", "results"):
        (CELERY_BROKER_DIR / _folder).mkdir(parents=True, exist_ok=True)
else:
    CELERY_BROKER_URL = REDIS_URL or "memory://"
    CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 15 * 60
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULER = "astnet.beat:HeartbeatScheduler"
# Beat touches this file on every tick; the container's healthcheck reads its age (issue 17).
BEAT_HEARTBEAT_FILE = env.str("BEAT_HEARTBEAT_FILE", default="/tmp/astnet-beat-heartbeat")  # noqa: S108  # nosec B108 - a heartbeat, no secret; the container's own /tmp

if REDIS_URL:
    CACHES = {
        "default": {
            # Redis down: pages count afresh instead of failing (astnet/cache.py).
            "BACKEND": "astnet.cache.ForgivingRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }

# CPR numbers are encrypted with this key and looked up by a keyed hash (see citizens/cpr.py).
DEMO_PASSWORD = env.str("DEMO_PASSWORD", default="")

CPR_ENCRYPTION_KEY = env.str("CPR_ENCRYPTION_KEY", default="")
CPR_HASH_KEY = env.str("CPR_HASH_KEY", default="")
# Citizens without any activity for this long are anonymised by the nightly job (GDPR art. 5, 17).
CITIZEN_RETENTION_DAYS = env.int("CITIZEN_RETENTION_DAYS", default=5 * 365)

# A failed check of a required service fails the test run instead of skipping (CI).
ASTNET_REQUIRE_SERVICES = env.bool("ASTNET_REQUIRE_SERVICES", default=False)

EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        # Request logs would carry URLs with search terms typed by staff (names).
        "django.request": {"level": "ERROR"},
        "django.server": {"level": "WARNING"},
        # WeasyPrint and fontTools narrate every step of every PDF at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}

# django-filter's empty choice reads like every other select's (issue 20), not "---------".
FILTERS_EMPTY_CHOICE_LABEL = _("Vælg …")
