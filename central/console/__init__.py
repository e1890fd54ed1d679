"""Head office's web console, served by the centre under /console: sign-in and roles, stores
and counters, members, exceptions. Server-rendered (Jinja2), a little plain JavaScript and
htmx, every asset served by the centre itself. Mounted by `central.app.create_app`."""
