"""Which address a request counts against: the peer's, unless a trusted proxy forwarded it."""

from __future__ import annotations

import pytest

from resumeroast.api.client_address import limit_key, parse_networks, resolve_client

PROXIES = parse_networks(["10.0.0.0/8", "127.0.0.1"])


def test_no_trusted_proxy_means_the_peer_is_the_client() -> None:
    assert resolve_client("127.0.0.1", ["203.0.113.9"], ()) == "127.0.0.1"


def test_a_header_from_an_untrusted_peer_is_ignored() -> None:
    assert resolve_client("198.51.100.7", ["203.0.113.9"], PROXIES) == "198.51.100.7"


def test_the_first_untrusted_hop_from_the_right_is_the_client() -> None:
    # The client wrote a fake leftmost entry; nginx and a load balancer appended theirs.
    chain = ["6.6.6.6, 203.0.113.9", "10.1.2.3"]
    assert resolve_client("127.0.0.1", chain, PROXIES) == "203.0.113.9"


@pytest.mark.parametrize("garbage", ["not-an-ip", "", "999.1.1.1", "1.2.3.4:80", "<script>"])
def test_garbage_never_becomes_a_client_of_its_own(garbage: str) -> None:
    assert resolve_client("127.0.0.1", [garbage], PROXIES) == "127.0.0.1"
    assert resolve_client("127.0.0.1", [f"{garbage}, 10.9.9.9"], PROXIES) == "10.9.9.9"


def test_ipv6_clients_share_a_bucket_per_64() -> None:
    assert limit_key("2001:db8:1:2::1") == limit_key("2001:db8:1:2:ffff::9") == "2001:db8:1:2::/64"
    assert limit_key("2001:db8:1:3::1") != limit_key("2001:db8:1:2::1")
    assert limit_key("::ffff:203.0.113.9") == limit_key("203.0.113.9") == "203.0.113.9"


def test_a_bad_trusted_proxy_setting_is_refused() -> None:
    with pytest.raises(ValueError, match="proxy"):
        parse_networks(["proxy.internal"])
