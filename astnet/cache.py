"""Django's Redis cache that treats an unreachable Redis as an empty cache (issue 17).

The cache only saves work: with Redis down a page must count its figures afresh rather than answer
500. Reads miss, writes are dropped, and a warning is logged (without keys: they may name a page).
"""

import logging

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


def _forgiving(method, miss):
    """Wraps a RedisCacheClient method: on a RedisError, log and return `miss(*args)` instead."""

    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except RedisError as error:
            logger.warning("cache unavailable, recomputing: %s", type(error).__name__)
            return miss(*args, **kwargs)

    wrapper.__name__ = method.__name__
    wrapper.__doc__ = method.__doc__
    return wrapper


class ForgivingRedisCacheClient(RedisCacheClient):
    """Every cache operation as Django's, but a Redis outage reads as a miss and drops the write;
    and one redis-py client per connection pool, where Django makes a new one for every operation
    (each sets up some 250 response callbacks: about a third of a cache read, issue 22). A
    client is a handle on its pool, which lends each command a connection."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients_by_pool = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients_by_pool.get(id(pool))
        if client is None:
            client = self._clients_by_pool[id(pool)] = self._client(connection_pool=pool)
        return client

    add = _forgiving(RedisCacheClient.add, lambda *a, **k: False)
    get = _forgiving(RedisCacheClient.get, lambda key, default: default)
    set = _forgiving(RedisCacheClient.set, lambda *a, **k: None)
    touch = _forgiving(RedisCacheClient.touch, lambda *a, **k: False)
    delete = _forgiving(RedisCacheClient.delete, lambda *a, **k: False)
    get_many = _forgiving(RedisCacheClient.get_many, lambda *a, **k: {})
    has_key = _forgiving(RedisCacheClient.has_key, lambda *a, **k: False)
    set_many = _forgiving(RedisCacheClient.set_many, lambda data, timeout: list(data))
    delete_many = _forgiving(RedisCacheClient.delete_many, lambda *a, **k: None)
    clear = _forgiving(RedisCacheClient.clear, lambda *a, **k: False)


class ForgivingRedisCache(RedisCache):
    """`CACHES` backend: django.core.cache.backends.redis.RedisCache with ForgivingRedisCacheClient."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ForgivingRedisCacheClient
