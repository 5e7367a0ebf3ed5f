from importlib import import_module

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django_tasks import task

# Session engines whose sessions are rows that can be listed. With the others (cache, signed
# cookies) a deleted account's sessions stop working at their next request: its password hash,
# which each session carries, no longer matches.
LISTABLE_ENGINES = {"django.contrib.sessions.backends.db", "django.contrib.sessions.backends.cached_db"}


@task()
def account_sessions_delete(user_id: int) -> int:
    """Delete every session of a (deleted) account, expired ones too (allauth keeps the sign-in
    address in them). Sessions are not indexed by account, so this reads them all: a background
    task, once per deleted account."""
    if settings.SESSION_ENGINE not in LISTABLE_ENGINES:
        return 0
    store = import_module(settings.SESSION_ENGINE).SessionStore
    model = store.get_model_class()
    deleted = 0
    for key, data in model.objects.values_list("session_key", "session_data").iterator():
        session = store(session_key=key)
        if session.decode(data).get(SESSION_KEY) == str(user_id):
            session.delete()
            deleted += 1
    return deleted
