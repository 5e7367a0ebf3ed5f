"""Fieldwork settings.

Everything that differs between a laptop and production comes from environment
variables. The defaults are safe for development: SQLite in WAL mode, a local-memory
cache and e-mail printed to the console. Set ``DJANGO_ENV=production`` for the
production configuration (PostgreSQL, Redis, SMTP, secure cookies, HSTS).
"""

import os
import re
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name, default=None):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


PRODUCTION = env("DJANGO_ENV", "development") == "production"
DEBUG = env_bool("DEBUG", default=not PRODUCTION)

SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY must be set in production.")
    SECRET_KEY = "development-only-insecure-key-do-not-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "localhost,127.0.0.1,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# Proxies in front of the web processes that append to X-Forwarded-For (nginx: 1; nginx behind
# a load balancer or CDN: 2). Client addresses for rate limits and anti-fraud depend on it.
TRUSTED_PROXY_COUNT = int(env("TRUSTED_PROXY_COUNT", "1" if PRODUCTION else "0"))

INSTALLED_APPS = [
    # Project apps first so their templates and translations win.
    "ideas.core",
    "ideas.accounts",
    "ideas.search",
    "ideas.proposals",
    "ideas.notifications",
    "ideas.pilots",
    "ideas.playbooks",
    "ideas.audit",
    "csp",
    # Wagtail: standard models are its pages (ideas.playbooks); the admin lives at /admin/.
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "ideas.accounts.wagtail_users.WagtailUsersConfig",  # wagtail.users, with audited role changes
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Third party
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_filters",
    "django_htmx",
    "django_tasks",
    "django_rq",  # the queues of the RQ task backend (QUEUE_URL) and `manage.py rqworker`
    "rules.apps.AutodiscoverRulesConfig",
    "rest_framework",
    "drf_spectacular",
    # Open data: the API, feeds and bulk downloads (docs/open-data.md).
    "ideas.api",
    # Django
    "ideas.core.apps.AdminConfig",  # Django's admin, with a second factor (ideas/core/admin_site.py)
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.humanize",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
]

MIDDLEWARE = [
    "ideas.core.server_timing.ServerTimingMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Outside the page cache, so a cached page gets the header too (docs/security.md, "Safe content").
    "ideas.core.csp.FieldworkCSPMiddleware",
    # Before sessions and the rest: a cached page for an anonymous visitor costs no more.
    "ideas.core.page_cache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "ideas.core.permissions.LoginRequiredMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

if PRODUCTION:
    # In development runserver serves static files; in production WhiteNoise does (behind a CDN).
    security = MIDDLEWARE.index("django.middleware.security.SecurityMiddleware")
    MIDDLEWARE.insert(security + 1, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "ideas.urls"
WSGI_APPLICATION = "ideas.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ideas.core.context_processors.site",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(env("CONN_MAX_AGE", "60" if PRODUCTION else "0")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while one writer writes; the busy timeout makes concurrent
    # writers wait instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ------------------------------------------------------------------
CACHE_URL = env("CACHE_URL", "")
if CACHE_URL.startswith("redis"):
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": CACHE_URL,
            "OPTIONS": {"CLIENT_CLASS": "django_redis.client.DefaultClient"},
            "KEY_PREFIX": "fieldwork",
        }
    }
    # Sessions are read from Redis on every request and written through to the database, so
    # that a flushed cache logs no one out.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
elif PRODUCTION:
    raise ImproperlyConfigured("CACHE_URL must point to Redis in production (redis://...).")
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 5000},  # pages for anonymous visitors live here too
        }
    }
# Anonymous pages, the API and the feeds are served from the cache (ideas/core/page_cache.py):
# invalidated by every change except supports, whose counts are at most this many seconds old.
# 0 turns the page cache off.
PAGE_CACHE_SECONDS = int(env("PAGE_CACHE_SECONDS", "10"))
# Server-Timing headers with time and SQL queries per request (ideas/core/server_timing.py).
SERVER_TIMING = env_bool("SERVER_TIMING")

# --- Background tasks -------------------------------------------------------
# Django's tasks API (django-tasks). The embedded default runs each task inline, in the
# process that enqueued it. With QUEUE_URL (Redis) tasks go to RQ and run in workers:
# `manage.py rqworker default --with-scheduler` (docs/deployment.md, "Workers").
QUEUE_URL = env("QUEUE_URL", "")
if QUEUE_URL and not QUEUE_URL.startswith(("redis://", "rediss://", "unix://")):
    raise ImproperlyConfigured("QUEUE_URL must point to Redis (redis://host:6379/1).")
RQ_BACKEND = "django_tasks_rq.RQBackend"
IMMEDIATE_BACKEND = "django_tasks.backends.immediate.ImmediateBackend"
TASKS_BACKEND = env("TASKS_BACKEND", RQ_BACKEND if QUEUE_URL else IMMEDIATE_BACKEND)
if TASKS_BACKEND == RQ_BACKEND and not QUEUE_URL:
    raise ImproperlyConfigured("The RQ task backend needs QUEUE_URL (redis://host:6379/1).")
if PRODUCTION and not QUEUE_URL and not env("TASKS_BACKEND"):
    # Inline tasks make every decision wait for its e-mails and turn off the deferred
    # open-data regeneration: only a deliberate choice (TASKS_BACKEND) may run production so.
    raise ImproperlyConfigured(
        "QUEUE_URL must point to Redis in production (redis://...), "
        f"or set TASKS_BACKEND={IMMEDIATE_BACKEND} to run tasks inline on purpose."
    )
TASKS = {"default": {"BACKEND": TASKS_BACKEND}}
# django-rq: one queue, "default", on QUEUE_URL; a task may run this long before its worker
# stops it.
RQ_QUEUES = (
    {"default": {"URL": QUEUE_URL, "DEFAULT_TIMEOUT": int(env("QUEUE_TASK_TIMEOUT", "900"))}} if QUEUE_URL else {}
)
# Workers run jobs with django-tasks-rq's job class, so `rqworker` needs no --job-class.
RQ = {"JOB_CLASS": "django_tasks_rq.Job"}
RQ_SHOW_ADMIN_LINK = False  # no queue pages in the admin: `manage.py rqstats` shows them

# --- Accounts ---------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:profile"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = False
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_SIGNUP_FORM_CLASS = "ideas.accounts.forms.SignupProfileForm"
# Both refuse disposable e-mail addresses (ideas/accounts/allauth_forms.py).
ACCOUNT_FORMS = {
    "signup": "ideas.accounts.allauth_forms.SignupForm",
    "add_email": "ideas.accounts.allauth_forms.AddEmailForm",
}
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Fieldwork] "
# allauth asks the adapter for the client's address: ours honours TRUSTED_PROXY_COUNT.
ACCOUNT_ADAPTER = "ideas.accounts.adapter.AccountAdapter"
# Two-factor authentication (an authenticator app, with recovery codes): required of officials
# and staff before they act, optional for citizens (docs/security.md, "Access").
MFA_ADAPTER = "ideas.accounts.adapter.MFAAdapter"
# A code is accepted for one 30-second step either side of now (phones' clocks drift; RFC 6238).
MFA_TOTP_TOLERANCE = 1

# --- Rate limits (docs/security.md, "Rate limits") ------------------------------
# Per action and scope: "user" (the account), "ip" (the client's address, IPv6 by /64) or, for
# allauth, "key" (the e-mail address typed). Each a comma-separated list of count/period
# (s, m, h, d; "5/10m" is five per ten minutes). Many people share one IPv4 address behind
# mobile carriers' NAT, so the "ip" limits are generous and the account ones stop scripts.
# FIELDWORK_RATE_LIMIT_<ACTION>_<SCOPE> replaces one (FIELDWORK_RATE_LIMIT_SUPPORT_IP=2000/m);
# "off" switches it off.
RATE_LIMIT_DEFAULTS = {
    # django-allauth's (ACCOUNT_RATE_LIMITS below is made from these).
    "signup": {"ip": "30/m,300/h"},
    "login": {"ip": "120/m,3000/h"},
    "login_failed": {"ip": "60/m,600/h", "key": "5/5m"},
    "reset_password": {"ip": "30/m,300/h", "key": "3/h,10/d"},
    "reset_password_from_key": {"ip": "30/m"},
    "change_password": {"user": "5/m"},
    "manage_email": {"user": "10/m"},
    "confirm_email": {"key": "1/3m"},
    # Fieldwork's own (ideas/core/ratelimits.py).
    "proposal": {"user": "5/h,20/d", "ip": "120/h,1000/d"},
    "support": {"user": "30/m,300/h", "ip": "600/m,10000/h"},
    "comment": {"user": "5/m,60/h", "ip": "120/m,2000/h"},
    "flag": {"user": "10/h,50/d", "ip": "200/h"},
    "similar": {"user": "120/m", "ip": "1200/m"},
}
ALLAUTH_RATE_LIMITED = [
    "signup",
    "login",
    "login_failed",
    "reset_password",
    "reset_password_from_key",
    "change_password",
    "manage_email",
    "confirm_email",
]


def rate_limits(defaults):
    table = {}
    for action, scopes in defaults.items():
        table[action] = {}
        for scope, default in scopes.items():
            name = f"FIELDWORK_RATE_LIMIT_{action.upper()}_{scope.upper()}"
            value = env(name, default).strip()
            rates = [] if value.lower() in {"", "off"} else [rate.strip() for rate in value.split(",")]
            if not all(re.fullmatch(r"[1-9]\d*/\d*[smhd]", rate) for rate in rates):
                raise ImproperlyConfigured(f"{name} must be rates like 10/m,100/h (or off), not {value!r}.")
            table[action][scope] = rates
    return table


FIELDWORK_RATE_LIMITS = rate_limits(RATE_LIMIT_DEFAULTS)
ACCOUNT_RATE_LIMITS = {
    action: ",".join(f"{rate}/{scope}" for scope, rates in FIELDWORK_RATE_LIMITS[action].items() for rate in rates)
    for action in ALLAUTH_RATE_LIMITED
}
# django-ratelimit (our own views): the client's address behind TRUSTED_PROXY_COUNT proxies.
RATELIMIT_IP_META_KEY = "ideas.core.http.client_ip"

# --- Internationalisation -----------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("ko", _("Korean"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env("TIME_ZONE", "Asia/Seoul")
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = False
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES

# --- Static and uploaded files ----------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", BASE_DIR / "staticfiles"))
# Front-end packages come from npm (`npm ci --prefix site`); nothing built is committed.
NODE_MODULES = BASE_DIR / "site" / "node_modules"
STATICFILES_DIRS = [
    BASE_DIR / "site" / "static",
    ("vendor/uswds", NODE_MODULES / "@uswds" / "uswds" / "dist"),
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Uploads (proposal attachments, Wagtail images and documents, the open-data files) go to an
# S3-compatible bucket when AWS_STORAGE_BUCKET_NAME is set: AWS S3, or MinIO, Ceph and the
# clouds' object storage through AWS_S3_ENDPOINT_URL. The bucket stays private: every link
# the app renders is signed and expires (AWS_QUERYSTRING_EXPIRE seconds). Credentials come
# from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or from the machine's role. Static
# files stay with WhiteNoise.
AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {
        "BACKEND": "ideas.core.storage.MediaStorage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env("AWS_S3_ENDPOINT_URL") or None,
            "region_name": env("AWS_S3_REGION_NAME") or None,
            "addressing_style": env("AWS_S3_ADDRESSING_STYLE") or None,  # "path" for most S3-compatible stores
            "signature_version": "s3v4",
            "location": env("AWS_LOCATION", ""),  # a folder inside the bucket
            "default_acl": None,  # objects inherit the bucket's policy: private
            "querystring_auth": True,
            "querystring_expire": int(env("AWS_QUERYSTRING_EXPIRE", "3600")),
            "file_overwrite": False,  # as on disk: a name already taken gets a suffix
        },
    }
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

# --- E-mail -----------------------------------------------------------------
EMAIL_BACKEND = env(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if PRODUCTION else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "587"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", PRODUCTION)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Fieldwork <no-reply@fieldwork.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Security ---------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content Security Policy (docs/security.md, "Safe content"): no inline script, no eval, no
# plugin, no framing. Scripts and styles come from our own static files only; uploaded images
# come from this site or, with object storage, from the bucket's address (MEDIA_ORIGIN).
MEDIA_ORIGIN = env("FIELDWORK_MEDIA_ORIGIN", "")
if not MEDIA_ORIGIN and AWS_STORAGE_BUCKET_NAME:
    _endpoint = env("AWS_S3_ENDPOINT_URL", "")
    _region = env("AWS_S3_REGION_NAME", "")
    if _endpoint:
        MEDIA_ORIGIN = _endpoint.rstrip("/")
    elif _region:
        MEDIA_ORIGIN = f"https://{AWS_STORAGE_BUCKET_NAME}.s3.{_region}.amazonaws.com"
    else:
        MEDIA_ORIGIN = f"https://{AWS_STORAGE_BUCKET_NAME}.s3.amazonaws.com"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *([MEDIA_ORIGIN] if MEDIA_ORIGIN else [])],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    },
}
# Wagtail's page editor inserts inline scripts and styles, and previews in an iframe of itself.
CSP_ADMIN_PREFIXES = ["/admin/"]
CSP_ADMIN_DIRECTIVES = {
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "frame-ancestors": ["'self'"],
}
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    # A load balancer may check a web process over plain HTTP, without X-Forwarded-Proto.
    SECURE_REDIRECT_EXEMPT = [r"^health/$"]
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# --- Wagtail ----------------------------------------------------------------
WAGTAIL_SITE_NAME = "Fieldwork"
# Everyone signs in and resets their password through allauth (rate limits, the second factor):
# Wagtail's own reset pages answer 404, its sign-in forms lead to allauth's (ideas/core/permissions.py).
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILADMIN_BASE_URL = env("SITE_URL", "http://127.0.0.1:8000")
# No Gravatar in the admin: it would send a hash of every editor's address to a third party,
# and the Content Security Policy allows images from this site only.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Wagtail's documents (PDFs above all) download rather than open in the site's origin.
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# --- Open data (ideas.api, docs/open-data.md) ---------------------------------
# DRF defaults. The open-data views set their own (anonymous, read-only); the Wagtail
# admin's API views set their own authentication, renderers, filters and pagination.
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "ideas.api.pagination.OpenDataPagination",
    "PAGE_SIZE": 50,
}
# The licence of everything public (API, downloads, feeds), shown on /data/, in the API
# documentation, the OpenAPI schema and the feeds. KOGL Type 1 ("공공누리 제1유형", attribution)
# is the Korean public-sector equivalent, if a deployment prefers it.
OPEN_DATA_LICENCE = {
    "name": env("OPEN_DATA_LICENCE_NAME", "Creative Commons Attribution 4.0 International (CC BY 4.0)"),
    "url": env("OPEN_DATA_LICENCE_URL", "https://creativecommons.org/licenses/by/4.0/"),
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Fieldwork open data API",
    "DESCRIPTION": _(
        "Read-only open data of Fieldwork: challenges, proposals with their status timeline and "
        "support counts, pilots with their metrics, iterations and measurements, standard models "
        "with their versions, adoptions, and organisations. "
        "No personal data: no e-mail addresses, and names only of people who chose to show them."
    ),
    "VERSION": "1.0.0",
    "LICENSE": OPEN_DATA_LICENCE,
    "OAS_VERSION": "3.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PUBLIC": True,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "PREPROCESSING_HOOKS": ["ideas.api.schema.only_open_data_endpoints"],
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums", "ideas.api.schema.document_errors"],
    "ENUM_NAME_OVERRIDES": {
        "ProposalStatusEnum": "ideas.proposals.models.Proposal.Status",
        "PilotStatusEnum": "ideas.pilots.models.Pilot.Status",
        "PilotOutcomeEnum": "ideas.pilots.models.Pilot.Outcome",
        "IterationDecisionEnum": "ideas.pilots.models.Iteration.Decision",
        "MetricDirectionEnum": "ideas.pilots.models.Metric.Direction",
        "OrganisationKindEnum": "ideas.accounts.models.Organisation.Kind",
    },
}
OPEN_DATA = {
    # Cache-Control max-age of the API, feeds and downloads: a surge is absorbed by caches.
    "CACHE_SECONDS": int(env("OPEN_DATA_CACHE_SECONDS", "60")),
    # Entries per Atom feed.
    "FEED_ITEMS": 50,
    # Where the bulk downloads are kept in the default storage (S3 in production).
    "EXPORT_PREFIX": "open-data/",
    # On a task queue that can defer, a change schedules one regeneration this many seconds later.
    "REGENERATE_DELAY_SECONDS": int(env("OPEN_DATA_REGENERATE_DELAY_SECONDS", "300")),
}

# --- Fieldwork --------------------------------------------------------------
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000")
FIELDWORK = {
    # A proposal with this many supports goes to the top of the triage queue.
    "SUPPORT_THRESHOLD": int(env("FIELDWORK_SUPPORT_THRESHOLD", "100")),
    # Officials must answer a submitted proposal within this many days.
    "RESPONSE_DAYS": int(env("FIELDWORK_RESPONSE_DAYS", "30")),
    # The triage dashboard counts proposals due within this many days as near the deadline.
    "NEAR_DEADLINE_DAYS": int(env("FIELDWORK_NEAR_DEADLINE_DAYS", "7")),
    # Comments can be edited by their author for this many minutes.
    "COMMENT_EDIT_MINUTES": 15,
    "MAX_ATTACHMENTS": 5,
    "MAX_ATTACHMENT_BYTES": 5 * 1024 * 1024,
    "PAGE_SIZE": 20,
    # Threads (a comment and its replies) per page of a proposal's discussion.
    "COMMENT_THREADS_PER_PAGE": 20,
    "SIMILAR_LIMIT": 5,
    # A proposal page's similar proposals are found again at most this often (ideas/proposals/selectors.py).
    "SIMILAR_CACHE_SECONDS": int(env("FIELDWORK_SIMILAR_CACHE_SECONDS", "600")),
    # The speed figures (medians over all proposals and pilots) are recomputed this often.
    "SPEED_FIGURES_SECONDS": int(env("FIELDWORK_SPEED_FIGURES_SECONDS", "300")),
    # The privacy page (/privacy/) states these: how long the web server's access logs are kept
    # (make logrotate keep them as long: docs/security.md, "Privacy"), and whom to ask.
    "LOG_RETENTION_DAYS": int(env("FIELDWORK_LOG_RETENTION_DAYS", "14")),
    "PRIVACY_CONTACT": env("FIELDWORK_PRIVACY_CONTACT", ""),
    # Supports keep the client's IP address this many days (manage.py purge_support_ips).
    "IP_RETENTION_DAYS": int(env("FIELDWORK_IP_RETENTION_DAYS", "90")),
    # On the staff page of support bursts, an account this young when it supported is "new".
    "NEW_ACCOUNT_HOURS": int(env("FIELDWORK_NEW_ACCOUNT_HOURS", "24")),
}

# Logs go to standard error: plain lines in development, one JSON object per line in
# production (LOG_FORMAT=json|text; ideas/core/logging.py says which fields, and why no
# personal data).
LOG_FORMAT = env("LOG_FORMAT", "json" if PRODUCTION else "text")
if LOG_FORMAT not in {"json", "text"}:
    raise ImproperlyConfigured("LOG_FORMAT must be json or text.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "text": {"()": "ideas.core.logging.TextFormatter", "format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
        "json": {"()": "ideas.core.logging.JsonFormatter"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},  # one line per task is noise; failures still show
    },
}
CSRF_FAILURE_VIEW = "ideas.core.views.csrf_failure"
