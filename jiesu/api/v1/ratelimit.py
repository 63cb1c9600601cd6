"""429 `rate_limited` (api-v1.md): a fixed one-minute window per user in Django's cache.

A fixed window lets a burst of up to twice the limit straddle a minute boundary; that is fine for
its purpose, which is to stop a runaway integration from starving the staff UI, not to meter use.
The limit is read per request so an administrator's change applies without a restart.
"""

import time

from django.conf import settings
from django.core.cache import cache
from ninja.throttling import BaseThrottle

WINDOW_SECONDS = 60


class PerUserPerMinute(BaseThrottle):
    def allow_request(self, request) -> bool:
        limit = getattr(settings, "JIESU_API_RATE_LIMIT_PER_MINUTE", 1200)
        user = getattr(request, "auth", None)
        who = f"user:{user.pk}" if user is not None else f"ip:{self.get_ident(request)}"
        window = int(time.time() // WINDOW_SECONDS)
        key = f"jiesu:api:rate:{who}:{window}"
        # add() is a no-op when the key exists, so incr() below never races a set() of 0.
        cache.add(key, 0, timeout=WINDOW_SECONDS * 2)
        try:
            count = cache.incr(key)
        except ValueError:  # evicted between add() and incr()
            cache.set(key, 1, timeout=WINDOW_SECONDS * 2)
            count = 1
        return count <= limit

    def wait(self) -> float:
        return WINDOW_SECONDS - time.time() % WINDOW_SECONDS
