from app.flags import FeatureFlags

feature_flags = FeatureFlags()


def view(request, user):
    # A request's and a dict's get in a file that names FeatureFlags: not the wrapper.
    model = request.data.get("model")
    info = {"name": "x"}
    name = info.get("name")
    if feature_flags.get("new-view", user, False):  # want key="new-view" fallback=false
        return model
    return name
