"""Personal details never reach the model, and come back in what the person reads."""

from __future__ import annotations

from resumeroast.core.review.prompts.redaction import redact_all, restore

LINES = [
    "Jane Roe | jane.roe@example.test | +1 (555) 123-4567 | linkedin.com/in/janeroe",
    "742 Evergreen Terrace, Springfield",
    "Musterstraße 12, 10115 Berlin",
    "Portfolio: https://janeroe.dev/work.",
    "Backend Engineer, ACME | 2015 - 2019 | ASP.NET, Node.js",
    "Call 555.123.4567 or write to jane.roe@example.test",
]


def test_emails_phones_addresses_and_urls_are_replaced_by_placeholders() -> None:
    redacted, originals = redact_all(LINES)
    text = "\n".join(redacted)
    for secret in (
        "jane.roe@example.test",
        "555",
        "linkedin.com/in/janeroe",
        "742 Evergreen Terrace",
        "Musterstraße 12",
        "https://janeroe.dev/work",
    ):
        assert secret not in text
    assert redacted[0] == "Jane Roe | [EMAIL_1] | [PHONE_1] | [URL_1]"
    assert redacted[3] == "Portfolio: [URL_2]."  # the sentence's full stop is not part of the URL
    assert set(originals) == {
        "[EMAIL_1]",
        "[PHONE_1]",
        "[PHONE_2]",
        "[URL_1]",
        "[URL_2]",
        "[ADDRESS_1]",
        "[ADDRESS_2]",
    }


def test_the_same_detail_gets_the_same_placeholder() -> None:
    redacted, _ = redact_all(LINES)
    assert "[EMAIL_1]" in redacted[0] and "[EMAIL_1]" in redacted[5]


def test_dates_years_and_dotted_names_are_left_alone() -> None:
    redacted, _ = redact_all(LINES)
    assert redacted[4] == LINES[4]


def test_restore_puts_the_originals_back_and_leaves_unknown_placeholders() -> None:
    redacted, originals = redact_all(LINES)
    assert restore(redacted[0], originals) == LINES[0]
    assert restore("Write to [EMAIL_9]", originals) == "Write to [EMAIL_9]"


def test_a_bare_personal_domain_is_a_url() -> None:
    redacted, originals = redact_all(["Site: janeroe.dev. Code: jane.github.io, JaneRoe.me"])
    assert redacted == ["Site: [URL_1]. Code: [URL_2], [URL_3]"]
    assert set(originals.values()) == {"janeroe.dev", "jane.github.io", "JaneRoe.me"}


def test_technologies_written_like_domains_are_not_urls() -> None:
    line = "ASP.NET, asp.net, VB.NET, Node.js, Vue.js, Socket.io, D3.js, e.g. main.py, U.S., v1.2"
    assert redact_all([line]) == ([line], {})


def test_identity_numbers_are_replaced_and_keep_their_label() -> None:
    lines = ["DNI 45123456 | Madrid", "CPF: 123.456.789-09", "Cut costs by 30% in 2019"]
    redacted, originals = redact_all(lines)

    assert redacted == ["DNI [ID_1] | Madrid", "CPF: [ID_2]", "Cut costs by 30% in 2019"]
    assert restore("Remove DNI [ID_1].", originals) == "Remove DNI 45123456."
