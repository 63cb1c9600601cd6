"""Each notification channel behind the one interface (issue 4, item 3): `send` returns when the
transport took the message and raises DeliveryFailed otherwise. The HTTP channels talk to a real
server on 127.0.0.1, so what is checked is the request a gateway actually receives."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import socket
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from jiesu.notifications.channels import (
    CHANNELS,
    DeliveryFailed,
    EmailChannel,
    InboxChannel,
    LogChannel,
    Message,
    SmsChannel,
    WebhookChannel,
    enabled_channels,
)


def message(**overrides) -> Message:
    values = {
        "id": 42,
        "title": "【督办】工单20250303000001“办结”已于2025-03-10 23:59超期",
        "body": "被投诉（举报）方：某某商场\n诉求：羽绒服开线",
        "emails": ("leader@example.gov.cn", "handler@example.gov.cn"),
        "phones": ("13800138001", "13800138002"),
        "names": ("王所长", "李四"),
    }
    values.update(overrides)
    return Message(**values)


class Gateway:
    """A real HTTP server on 127.0.0.1:<free port> that records every request and answers with
    `status` and `answer` (bytes or a JSON-able object); `delay` makes it slow."""

    def __init__(self):
        self.requests: list[dict] = []
        self.status = 200
        self.answer: object = {"errcode": 0, "errmsg": "ok"}
        self.delay = 0.0
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                url = urllib.parse.urlsplit(self.path)
                gateway.requests.append({
                    "path": url.path,
                    "query": urllib.parse.parse_qs(url.query),
                    "content_type": self.headers.get("Content-Type"),
                    "raw": raw,
                    "json": json.loads(raw),
                })
                if gateway.delay:
                    time.sleep(gateway.delay)
                answer = gateway.answer
                body = answer if isinstance(answer, bytes) else json.dumps(answer).encode()
                try:
                    self.send_response(gateway.status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up waiting (the timeout test)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


@pytest.fixture
def gateway():
    with Gateway() as running:
        yield running


@pytest.fixture
def closed_port_url():
    """A URL nothing listens on: a port the OS handed out and that was closed again."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/robot/send"


def expected_sign(secret: str, timestamp: str) -> str:
    digest = hmac.new(secret.encode(), f"{timestamp}\n{secret}".encode(), hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


# --- the registry -------------------------------------------------------------------------------


def test_every_channel_code_has_one_adapter_and_only_switched_on_ones_are_enabled(settings):
    assert set(CHANNELS) == {"inbox", "log", "email", "sms", "webhook"}
    assert all(code == channel.code for code, channel in CHANNELS.items())
    settings.JIESU_NOTIFICATION_CHANNELS = ["inbox", "email", "carrier-pigeon"]
    assert enabled_channels() == {"inbox", "email"}


# --- inbox and log -----------------------------------------------------------------------------


def test_inbox_needs_no_transport():
    assert InboxChannel().send(message(emails=(), phones=())) is None


def test_log_channel_writes_one_line_naming_the_message_and_its_recipients(caplog):
    caplog.set_level(logging.INFO, logger="jiesu.notifications")
    LogChannel().send(message())
    records = [r for r in caplog.records if r.name == "jiesu.notifications"]
    assert len(records) == 1
    line = records[0].getMessage()
    assert line.startswith("notification 42 to 王所长、李四:")
    assert "【督办】工单20250303000001" in line


def test_log_channel_without_names_says_so(caplog):
    caplog.set_level(logging.INFO, logger="jiesu.notifications")
    LogChannel().send(message(names=()))
    assert "notification 42 to -:" in caplog.records[-1].getMessage()


# --- email -------------------------------------------------------------------------------------


def test_email_goes_to_the_recipients_addresses(settings, mailoutbox):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.DEFAULT_FROM_EMAIL = "jiesu@example.gov.cn"
    EmailChannel().send(message())
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["leader@example.gov.cn", "handler@example.gov.cn"]
    assert mail.subject == message().title
    assert mail.body == message().body
    assert mail.from_email == "jiesu@example.gov.cn"


def test_email_to_nobody_with_an_address_fails(settings, mailoutbox):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with pytest.raises(DeliveryFailed, match="电子邮箱"):
        EmailChannel().send(message(emails=()))
    assert mailoutbox == []


def test_email_server_unreachable_is_a_failed_attempt(settings, closed_port_url):
    port = urllib.parse.urlsplit(closed_port_url).port
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 2
    with pytest.raises(DeliveryFailed, match="ConnectionRefusedError"):
        EmailChannel().send(message())


# --- SMS gateway -------------------------------------------------------------------------------


def test_sms_posts_the_phones_and_text_signed_with_the_secret(settings, gateway):
    settings.JIESU_SMS_URL = gateway.url + "/sms/send"
    settings.JIESU_SMS_SECRET = "sms-secret"
    gateway.answer = {"ok": True}
    SmsChannel().send(message())

    (request,) = gateway.requests
    assert request["path"] == "/sms/send"
    assert request["content_type"].startswith("application/json")
    body = dict(request["json"])
    sign = body.pop("sign")
    assert body == {"id": 42, "phones": ["13800138001", "13800138002"], "text": f"{message().title}\n{message().body}"}
    unsigned = json.dumps(body, ensure_ascii=False, sort_keys=True).encode()
    assert sign == base64.b64encode(hmac.new(b"sms-secret", unsigned, hashlib.sha256).digest()).decode()
    assert "羽绒服".encode() in request["raw"]  # UTF-8 on the wire, not \u escapes


def test_sms_refused_by_the_gateway_fails_with_its_error(settings, gateway):
    settings.JIESU_SMS_URL = gateway.url
    gateway.answer = {"ok": False, "error": "余额不足"}
    with pytest.raises(DeliveryFailed, match="余额不足"):
        SmsChannel().send(message())
    assert len(gateway.requests) == 1


def test_sms_gateway_answer_other_than_an_object_is_not_a_crash(settings, gateway):
    """The SMS adapter only refuses with {"ok": false}; a bare JSON list must not raise
    AttributeError out of the channel (only DeliveryFailed is a failed attempt)."""
    settings.JIESU_SMS_URL = gateway.url
    gateway.answer = ["queued"]
    SmsChannel().send(message())
    assert len(gateway.requests) == 1


def test_sms_gateway_http_error_fails(settings, gateway):
    settings.JIESU_SMS_URL = gateway.url
    gateway.status, gateway.answer = 502, b"<html>Bad Gateway</html>"
    with pytest.raises(DeliveryFailed, match="502"):
        SmsChannel().send(message())


def test_sms_without_a_gateway_or_phones_fails_without_a_request(settings, gateway):
    settings.JIESU_SMS_URL = ""
    with pytest.raises(DeliveryFailed, match="JIESU_SMS_URL"):
        SmsChannel().send(message())
    settings.JIESU_SMS_URL = gateway.url
    with pytest.raises(DeliveryFailed, match="手机号码"):
        SmsChannel().send(message(phones=()))
    assert gateway.requests == []


def test_sms_unreachable_gateway_fails(settings, closed_port_url):
    settings.JIESU_SMS_URL = closed_port_url
    with pytest.raises(DeliveryFailed, match="Connection refused|URLError"):
        SmsChannel().send(message())


# --- group robot webhook (WeCom / DingTalk) ----------------------------------------------------


def test_webhook_posts_a_text_message_mentioning_the_recipients(settings, gateway):
    settings.JIESU_WEBHOOK_URL = gateway.url + "/cgi-bin/webhook/send?key=wecom-key"
    settings.JIESU_WEBHOOK_SECRET = ""
    WebhookChannel().send(message())

    (request,) = gateway.requests
    assert request["path"] == "/cgi-bin/webhook/send"
    assert request["query"] == {"key": ["wecom-key"]}  # WeCom: the key is in the URL, no signature
    assert request["json"] == {
        "msgtype": "text",
        "text": {"content": f"{message().title}\n{message().body}\n@王所长 @李四"},
    }


def test_webhook_with_a_secret_is_signed_the_dingtalk_way(settings, gateway):
    settings.JIESU_WEBHOOK_URL = gateway.url + "/robot/send?access_token=ding-token"
    settings.JIESU_WEBHOOK_SECRET = "SEC0123456789abcdef"
    before = int(time.time() * 1000)
    WebhookChannel().send(message(names=()))
    after = int(time.time() * 1000)

    (request,) = gateway.requests
    query = request["query"]
    assert query["access_token"] == ["ding-token"]  # the robot's own token is kept
    (timestamp,) = query["timestamp"]
    assert before <= int(timestamp) <= after  # milliseconds, as DingTalk wants
    assert query["sign"] == [expected_sign("SEC0123456789abcdef", timestamp)]
    assert request["json"]["text"]["content"] == f"{message().title}\n{message().body}"


def test_webhook_signature_on_a_url_without_a_query(settings, gateway):
    settings.JIESU_WEBHOOK_URL = gateway.url + "/robot/send"
    settings.JIESU_WEBHOOK_SECRET = "s3cret"
    WebhookChannel().send(message())
    query = gateway.requests[0]["query"]
    assert set(query) == {"timestamp", "sign"}
    assert query["sign"] == [expected_sign("s3cret", query["timestamp"][0])]


@pytest.mark.parametrize("answer", [{"errcode": 310000, "errmsg": "sign not match"}, {"errcode": 93000, "errmsg": "invalid webhook url"}])
def test_webhook_errcode_other_than_zero_fails(settings, gateway, answer):
    settings.JIESU_WEBHOOK_URL = gateway.url + "/robot/send"
    gateway.answer = answer
    with pytest.raises(DeliveryFailed, match=f"errcode {answer['errcode']}: {answer['errmsg']}"):
        WebhookChannel().send(message())


@pytest.mark.parametrize("answer", [b"<html>portal login</html>", b"", {"status": "ok"}, [0]])
def test_webhook_answer_that_is_not_a_robot_reply_fails(settings, gateway, answer):
    """Both robots always answer {"errcode": 0, ...}; anything else (a proxy's page, an empty body)
    is no proof the group saw the message, so it is retried rather than recorded as sent."""
    settings.JIESU_WEBHOOK_URL = gateway.url + "/robot/send"
    gateway.answer = answer
    with pytest.raises(DeliveryFailed):
        WebhookChannel().send(message())


def test_webhook_unreachable_url_fails(settings, closed_port_url):
    settings.JIESU_WEBHOOK_URL = closed_port_url
    with pytest.raises(DeliveryFailed, match="Connection refused|URLError"):
        WebhookChannel().send(message())


def test_webhook_that_does_not_answer_in_time_fails(settings, gateway):
    settings.JIESU_WEBHOOK_URL = gateway.url + "/robot/send"
    settings.JIESU_NOTIFICATION_HTTP_TIMEOUT = 0.3
    gateway.delay = 2
    started = time.monotonic()
    with pytest.raises(DeliveryFailed, match="timed out"):
        WebhookChannel().send(message())
    assert time.monotonic() - started < 1.5


def test_webhook_without_a_url_fails_without_a_request(settings, gateway):
    settings.JIESU_WEBHOOK_URL = ""
    with pytest.raises(DeliveryFailed, match="JIESU_WEBHOOK_URL"):
        WebhookChannel().send(message())
    assert gateway.requests == []
