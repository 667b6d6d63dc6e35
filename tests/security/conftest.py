"""One live server for the security replays (default settings, as deployed, but for shorter time
limits on slow clients), and the memory bound that must hold through the whole suite."""

from __future__ import annotations

import pytest
from live import SLOW_S, serve

pytestmark = pytest.mark.slow

RSS_LIMIT_MB = 600


@pytest.fixture(scope="session")
def target(tmp_path_factory, service_pipeline, record_testsuite_property):
    """The server under attack; `service_pipeline` first builds whatever the plan and index lack."""
    with serve(tmp_path_factory.mktemp("target"), header_timeout_s=SLOW_S, body_timeout_s=SLOW_S) as server:
        yield server
    print(f"peak serving RSS through the security suite: {server.peak_rss_mb:.0f} MB")
    record_testsuite_property("attack_peak_rss_mb", round(server.peak_rss_mb))
    assert server.peak_rss_mb < RSS_LIMIT_MB, f"serving RSS reached {server.peak_rss_mb:.0f} MB"
