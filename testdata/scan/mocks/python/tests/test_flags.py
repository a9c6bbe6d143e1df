from unittest import mock

import ldclient
from ldclient import Context

ctx = Context.create("user-1")


def test_patched():
    client = ldclient.get()
    with mock.patch.object(client, "variation", mock.MagicMock(return_value=client.variation("new-checkout", ctx, False))):
        pass
    stub = mock.Mock(side_effect=lambda: client.variation("banner-text", ctx, "off"))
    on = client.variation("new-checkout", ctx, True)  # want key="new-checkout" fallback=true
