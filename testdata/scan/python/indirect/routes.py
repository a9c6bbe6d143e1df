# Reduced from launchdarkly/SupportService app/routes.py: the client comes from the
# Flask app object, so the file never imports ldclient; the receiver names it.
from flask import current_app


def index(user):
    trial = current_app.ldclient.variation_detail("trial-days", user, "14")  # want key="trial-days" fallback="14" type=string
    dark = current_app.ldclient.variation(  # want key="dark-theme" fallback=false type=bool
        "dark-theme",
        user,
        False,
    )
    other = current_app.oldclient.variation("not-ld", user, True)
    also = current_app.old_client.variation("not-ld-either", user, True)
    return trial, dark, other, also
