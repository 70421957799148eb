"""The officers' web page (`ita web`): a small server-rendered FastAPI + Jinja2 application over
the warehouse. `flows.web.app.create_app(config)` builds it; see flows/web/README.md."""
