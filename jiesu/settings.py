"""The only settings module.

Deploy-specific values come from the environment (django-environ); the demo runs with no variables
set because the CLI fills `JIESU_DATA_DIR` and writes a SECRET_KEY into it. Production switches on
by leaving DEBUG off, which makes SECRET_KEY and ALLOWED_HOSTS mandatory.
"""

from pathlib import Path

import environ

env = environ.Env()

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(env.str("JIESU_DATA_DIR", default=str(Path.cwd() / "data"))).resolve()

DEBUG = env.bool("DEBUG", default=False)
TESTING = env.bool("JIESU_TESTING", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if DEBUG or TESTING:
        SECRET_KEY = "insecure-development-key-do-not-use-in-production-0123456789abcdef"
    else:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off (jiesu demo writes one for you).")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "jiesu.core",
    "jiesu.organisations",
    "jiesu.notifications",
    "jiesu.merchants",
    "jiesu.taxonomy",
    "jiesu.deadlines",
    "jiesu.orders",
    "jiesu.calls",
    "jiesu.intelligence",
    "jiesu.analytics",
    "jiesu.exports",
    "jiesu.quality",
    "jiesu.reports",
    "jiesu.assessment",
    "jiesu.advisories",
    "jiesu.api",
    "jiesu.ui",
    "jiesu.portals",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "jiesu.urls"
WSGI_APPLICATION = "jiesu.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

_sqlite_path = DATA_DIR / "jiesu.sqlite3"
DATABASES = {"default": env.db_url("DATABASE_URL", default=f"sqlite:///{_sqlite_path}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite ignores select_for_update; IMMEDIATE transactions take the write lock at BEGIN so two
    # writers serialise instead of deadlocking, and WAL lets readers go on meanwhile.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
DATABASES["default"].setdefault("TEST", {})

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "organisations.Staff"
LOGIN_URL = "ui:login"
LOGIN_REDIRECT_URL = "ui:home"
LOGOUT_REDIRECT_URL = "ui:login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(DATA_DIR / "static")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG and not TESTING
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(DATA_DIR / "media")))
MEDIA_URL = "media/"

# Attachments (附件): what a complainant may send in and how big it may be.
JIESU_ATTACHMENT_MAX_BYTES = env.int("JIESU_ATTACHMENT_MAX_BYTES", default=20 * 1024 * 1024)
JIESU_ATTACHMENT_TYPES = env.list(
    "JIESU_ATTACHMENT_TYPES",
    default=["jpg", "jpeg", "png", "gif", "webp", "pdf", "doc", "docx", "xls", "xlsx", "txt", "mp3", "wav", "amr", "mp4"],
)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

TASKS = {
    "default": {
        "BACKEND": env.str("JIESU_TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
    }
}

SESSION_COOKIE_AGE = 12 * 3600
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
if not DEBUG:
    # Tests talk plain HTTP to the test client; production redirects to HTTPS unless told otherwise.
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not TESTING)
    SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=True)
    CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
    SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
EMAIL_USE_SSL = env.bool("EMAIL_USE_SSL", default=False)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="jiesu@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # The task worker's own loop says "starting" and "no more tasks" every poll in `jiesu worker`'s
    # batch mode; jiesu.worker reports what the loop does instead.
    "loggers": {"django.db.backends": {"level": "WARNING"}, "django_tasks_db": {"level": "WARNING"}},
}

NINJA_PAGINATION_MAX_LIMIT = 200

# Statistics (issue 6): what each return-visit answer counts for in the satisfaction rate
# (domain.md: "with the weighting the deployment sets"), e.g. "satisfied=1,basically_satisfied=0.8".
JIESU_SATISFACTION_WEIGHTS = env.dict(
    "JIESU_SATISFACTION_WEIGHTS", cast={"value": float},
    default={"satisfied": 1.0, "basically_satisfied": 1.0, "unsatisfied": 0.0},
)

# After this many unreachable return-visit attempts the visit is recorded as "not reached" (domain.md: close).
JIESU_VISIT_MAX_ATTEMPTS = env.int("JIESU_VISIT_MAX_ATTEMPTS", default=3)

# Chasing deadlines (issue 4): the worker's sweep period, the hours messages to people may go out,
# which notification channels are switched on, their gateways, and the retry schedule.
JIESU_SWEEP_INTERVAL_SECONDS = env.float("JIESU_SWEEP_INTERVAL_SECONDS", default=30.0)
# What the worker runs every period, by dotted path so each app contributes its own job without the
# worker importing the apps above it. Each returns a dataclass of counts (logged when not all zero).
JIESU_PERIODIC_JOBS = env.list("JIESU_PERIODIC_JOBS", default=[
    "jiesu.deadlines.sweep.sweep",
    "jiesu.notifications.services.notifications_deliver",
    "jiesu.orders.archive.orders_close_visited",
    "jiesu.intelligence.warnings.warnings_daily",
    "jiesu.analytics.rollups.rollups_refresh",
    "jiesu.quality.services.quality_sample_monthly",
    "jiesu.assessment.services.assessment_monthly",
    "jiesu.assessment.services.interviews_chase",
])
# Issue 6 item 6, department assessment (seeds 001, 004): last month is scored from this local hour
# on the 1st; a department below its tier's average this many months in a row is proposed for an
# interview (约谈); a merchant with this many complaints in a month can be proposed from the ranking.
JIESU_ASSESSMENT_HOUR = env.int("JIESU_ASSESSMENT_HOUR", default=6)
JIESU_ASSESSMENT_MONTHS_BELOW = env.int("JIESU_ASSESSMENT_MONTHS_BELOW", default=3)
JIESU_INTERVIEW_MERCHANT_MIN_COMPLAINTS = env.int("JIESU_INTERVIEW_MERCHANT_MIN_COMPLAINTS", default=10)
# Issue 6 item 7 (seed 004 "按比例随机抽取"): the share of each handling department's concluded orders
# drawn for quality inspection, by the monthly job and as the draw form's default; each batch keeps
# the rate it used. One deployment-wide number like the other tuning values here, not per-row data.
JIESU_QUALITY_SAMPLE_RATE = env.float("JIESU_QUALITY_SAMPLE_RATE", default=0.10)
# domain.md: close is automatic after a visit; this long after it, so a bad visit can be reopened first.
JIESU_CLOSE_AFTER_VISIT_HOURS = env.float("JIESU_CLOSE_AFTER_VISIT_HOURS", default=24.0)
JIESU_WORKING_HOURS = env.str("JIESU_WORKING_HOURS", default="08:30-17:30")
JIESU_NOTIFICATION_CHANNELS = env.list("JIESU_NOTIFICATION_CHANNELS", default=["inbox", "log"])
JIESU_NOTIFICATION_MAX_ATTEMPTS = env.int("JIESU_NOTIFICATION_MAX_ATTEMPTS", default=8)
JIESU_NOTIFICATION_RETRY_SECONDS = env.int("JIESU_NOTIFICATION_RETRY_SECONDS", default=60)
JIESU_NOTIFICATION_HTTP_TIMEOUT = env.float("JIESU_NOTIFICATION_HTTP_TIMEOUT", default=10.0)
JIESU_SMS_URL = env.str("JIESU_SMS_URL", default="")
JIESU_SMS_SECRET = env.str("JIESU_SMS_SECRET", default="")
JIESU_WEBHOOK_URL = env.str("JIESU_WEBHOOK_URL", default="")
JIESU_WEBHOOK_SECRET = env.str("JIESU_WEBHOOK_SECRET", default="")

# Zero missed calls (来电零遗漏, seed 004): a caller the hotline missed is called back within this many
# working hours (JIESU_WORKING_HOURS) of the next working day's start.
JIESU_CALLBACK_HOURS = env.float("JIESU_CALLBACK_HOURS", default=2)

# Requests per user per minute on the REST API before 429 rate_limited.
JIESU_API_RATE_LIMIT_PER_MINUTE = env.int("JIESU_API_RATE_LIMIT_PER_MINUTE", default=1200)
# Issue 5: an order of the same complainant against the same respondent repeats an earlier one that
# is open or was concluded within this many days.
JIESU_REPEAT_WINDOW_DAYS = env.int("JIESU_REPEAT_WINDOW_DAYS", default=30)
# Issue 5 item 6, professional claimants (seeds 001, 002): a complainant's orders received within
# JIESU_CLAIMANT_WINDOW_DAYS are scored 0-100 (intelligence/claimants.py); at JIESU_CLAIMANT_THRESHOLD
# their new orders are flagged and put on the professional_claim line, never refused. Each signal
# earns WEIGHTS points per unit (an order with that wording, a respondent or a month beyond the
# first) up to CAPS; either is overridden key by key, e.g. JIESU_CLAIMANT_WEIGHTS="punitive=10".
JIESU_CLAIMANT_THRESHOLD = env.int("JIESU_CLAIMANT_THRESHOLD", default=60)
JIESU_CLAIMANT_WINDOW_DAYS = env.int("JIESU_CLAIMANT_WINDOW_DAYS", default=365)
JIESU_CLAIMANT_WEIGHTS = {
    "respondents": 5, "orders": 2, "months": 3, "punitive": 8, "reward": 6, "templated": 5, "label": 4,
    **env.dict("JIESU_CLAIMANT_WEIGHTS", cast={"value": int}, default={}),
}
JIESU_CLAIMANT_CAPS = {
    "respondents": 25, "orders": 10, "months": 15, "punitive": 24, "reward": 12, "templated": 15, "label": 12,
    **env.dict("JIESU_CLAIMANT_CAPS", cast={"value": int}, default={}),
}
# Issue 5 item 5, group complaints (seed 004): at least this many distinct complainants against one
# respondent about the same problem within this many days. "The same problem": character-shingle
# MinHash similarity at least GROUP_NEAR_DUPLICATE (copied texts), or the same line and a shared
# request, naming the same concepts or close in TF-IDF at least GROUP_SIMILARITY (own words).
JIESU_GROUP_MIN_COMPLAINANTS = env.int("JIESU_GROUP_MIN_COMPLAINANTS", default=5)
JIESU_GROUP_WINDOW_DAYS = env.int("JIESU_GROUP_WINDOW_DAYS", default=7)
JIESU_GROUP_NEAR_DUPLICATE = env.float("JIESU_GROUP_NEAR_DUPLICATE", default=0.6)
JIESU_GROUP_SIMILARITY = env.float("JIESU_GROUP_SIMILARITY", default=0.2)
JIESU_GROUP_MAX_CANDIDATES = env.int("JIESU_GROUP_MAX_CANDIDATES", default=300)
# Issue 5 item 7, early warning (seeds 003, 004): orders per respondent, line, category and request
# in the last WARNING_RECENT_DAYS against the daily mean and standard deviation of the
# WARNING_BASELINE_DAYS before; at least WARNING_MIN_ORDERS and a z-score of WARNING_Z (or three
# times a baseline of about nothing) is a rise worth a leader's look.
JIESU_WARNING_RECENT_DAYS = env.int("JIESU_WARNING_RECENT_DAYS", default=7)
JIESU_WARNING_HOUR = env.int("JIESU_WARNING_HOUR", default=8)  # local hour the daily early warning runs from
JIESU_WARNING_BASELINE_DAYS = env.int("JIESU_WARNING_BASELINE_DAYS", default=56)
JIESU_WARNING_MIN_ORDERS = env.int("JIESU_WARNING_MIN_ORDERS", default=5)
JIESU_WARNING_Z = env.float("JIESU_WARNING_Z", default=3.0)
# Issue 5 item 3: a registered order whose routing proposal is unambiguous, whose line the classifier
# gives at least this confidence, and whose proposed department has auto_dispatch on is dispatched
# at once, under the registering user's own dispatch authority (intelligence/routing.py).
JIESU_AUTO_DISPATCH_CONFIDENCE = env.float("JIESU_AUTO_DISPATCH_CONFIDENCE", default=0.8)
# How long a bearer token's staff member is cached (0 = look it up on every call).
JIESU_API_TOKEN_CACHE_SECONDS = env.int("JIESU_API_TOKEN_CACHE_SECONDS", default=10)

CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://jiesu")}
