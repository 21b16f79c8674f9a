"""Celery settings for the Flower container (mher/flower), read through CELERY_CONFIG_MODULE.

Flower must use the broker exactly as ResumeRoast does: the same Redis and the same key
prefix (resumeroast.adapters.queue.KEY_PREFIX), or it sees no events, queues or workers.
"""

import os

broker_url = os.environ.get("REDIS_URL", "redis://redis:6379/0")
broker_transport_options = {"global_keyprefix": "resumeroast:"}
broker_connection_retry_on_startup = True
