"""The analyst console: server-rendered pages (Jinja2, a little htmx) over the service functions.

:func:`corridor.console.app.install` mounts it on the API's FastAPI app: the pages under
``/console/``, ``/`` redirecting there, the static assets (installed from npm by
``scripts/assets.sh``) under ``/static/``, and the OpenAPI page ``/docs`` served from those
local assets so that it renders offline.
"""
