"""Celery settings for the Flower container (mher/flower), read through CELERY_CONFIG_MODULE.

Flower must use the broker exactly as ResumeRoast does: the same Redis and the same key
prefix (resumeroast.adapters.queue.KEY_PREFIX), or it sees no events, queues or workers.
The image has no resumeroast package to import them from, so they are repeated here
(tests/unit/deploy/test_compose.py checks they match).
"""

import os



def _redis_url() -> str:
    """REDIS_URL_FILE (the compose secret holding the URL with its password), else REDIS_URL."""
    path = os.environ.get("REDIS_URL_FILE")
    if path:
        with open(path) as secret:
            return secret.read().strip()
    return os.environ.get("REDIS_URL", "redis://redis:6379/0")


broker_url = _redis_url()
broker_transport_options = {"global_keyprefix": "resumeroast:"}
broker_connection_retry_on_startup = True
# Flower's queue view (/broker, /api/queues/length) counts the queues its workers consume
# from; with no worker alive (when a growing queue matters most) it falls back to this one,
# resumeroast.adapters.queue.QUEUE_NAME, instead of Celery's "celery".
task_default_queue = "reviews"
