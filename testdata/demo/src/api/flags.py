import ldclient
from ldclient import Context

client = ldclient.get()


def upload_limit(user_key: str) -> int:
    context = Context.builder(user_key).kind("user").build()
    # Fresh: max-upload-mb serves 250 to every context.
    return client.variation("max-upload-mb", context, 250)


def rate_limit(context: Context) -> int:
    # Stale: a percentage rollout decides, so the safest fallback is the off variation 100.
    return client.variation("rate-limit-rps", context, default=500)


def search_bucket(context: Context) -> str:
    # Inconsistent with billing/Ranking.java, which falls back to "treatment".
    return client.variation("search-ranking-v3", context, "control")


def widget_enabled(context: Context) -> bool:
    # ldfallback:ignore the widget team owns this fallback until the Q3 launch
    return client.variation("release-widget", context, True)
