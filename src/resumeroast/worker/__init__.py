"""Celery worker: thin tasks that call the pipeline with job ids."""
