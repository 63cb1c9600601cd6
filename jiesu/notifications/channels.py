"""The channels a notification can go out on, behind one interface (issue 4, item 3).

A channel's `send` either returns (delivered) or raises `DeliveryFailed`; the delivery service owns
retries and the record, so a channel is a thin adapter to one transport. Which channels are switched
on is deployment configuration (`JIESU_NOTIFICATION_CHANNELS`): the default, inbox and log, needs
nothing outside jiesu; email, SMS and group webhooks need their gateways configured first.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Protocol

from django.conf import settings
from django.core.mail import send_mail

from jiesu.notifications.choices import NotificationChannel

logger = logging.getLogger("jiesu.notifications")


class DeliveryFailed(Exception):
    """The transport refused or could not be reached; the message is retried later."""


@dataclass(frozen=True)
class Message:
    """What a channel needs to know, read from the notification before the transport is called."""

    id: int
    title: str
    body: str
    emails: tuple[str, ...]
    phones: tuple[str, ...]
    names: tuple[str, ...]


class Channel(Protocol):
    code: str

    def send(self, message: Message) -> None: ...


class InboxChannel:
    """The in-app inbox: the notification row and its recipients *are* the delivery."""

    code = NotificationChannel.INBOX

    def send(self, message: Message) -> None:
        return None


class LogChannel:
    code = NotificationChannel.LOG

    def send(self, message: Message) -> None:
        logger.info("notification %s to %s: %s", message.id, "、".join(message.names) or "-", message.title)


class EmailChannel:
    """Django's email backend (EMAIL_BACKEND / EMAIL_HOST ... from the environment)."""

    code = NotificationChannel.EMAIL

    def send(self, message: Message) -> None:
        if not message.emails:
            raise DeliveryFailed("接收人均未登记电子邮箱")
        try:
            send_mail(message.title, message.body, None, list(message.emails), fail_silently=False)
        except Exception as exc:  # any SMTP or backend error is a failed attempt, retried later
            raise DeliveryFailed(f"{type(exc).__name__}: {exc}") from exc


def _post_json(url: str, payload: dict) -> dict:
    request = urllib.request.Request(
        url, data=json.dumps(payload, ensure_ascii=False).encode(), method="POST",
        headers={"Content-Type": "application/json; charset=utf-8"},
    )
    try:
        with urllib.request.urlopen(request, timeout=settings.JIESU_NOTIFICATION_HTTP_TIMEOUT) as response:
            body = response.read()
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        raise DeliveryFailed(f"{type(exc).__name__}: {exc}") from exc
    try:
        answer = json.loads(body or b"{}")
    except ValueError:
        return {}
    return answer if isinstance(answer, dict) else {}


class SmsChannel:
    """An SMS gateway reached over HTTP: POST {"phones": [...], "text": ..., "id": ...} with an
    HMAC-SHA256 signature of the body in `sign`. Agencies front their operator's gateway with such
    an adapter; the id lets it drop a repeat after a retry."""

    code = NotificationChannel.SMS

    def send(self, message: Message) -> None:
        url = settings.JIESU_SMS_URL
        if not url:
            raise DeliveryFailed("未配置短信网关 JIESU_SMS_URL")
        if not message.phones:
            raise DeliveryFailed("接收人均未登记手机号码")
        payload = {"id": message.id, "phones": list(message.phones), "text": f"{message.title}\n{message.body}"}
        payload["sign"] = _hmac(settings.JIESU_SMS_SECRET, json.dumps(payload, ensure_ascii=False, sort_keys=True))
        answer = _post_json(url, payload)
        if answer.get("ok") is False:
            raise DeliveryFailed(str(answer.get("error") or answer))


def _hmac(secret: str, text: str) -> str:
    return base64.b64encode(hmac.new(secret.encode(), text.encode(), hashlib.sha256).digest()).decode()


class WebhookChannel:
    """An enterprise-chat group robot (企业微信 / 钉钉 群机器人): a text message to the group.

    DingTalk signs the URL with `timestamp` and `sign` = base64(HMAC-SHA256(secret,
    "timestamp\\nsecret")); WeCom carries its key in the URL. Both answer `errcode` 0 on success.
    """

    code = NotificationChannel.WEBHOOK

    def send(self, message: Message) -> None:
        url = settings.JIESU_WEBHOOK_URL
        if not url:
            raise DeliveryFailed("未配置工作群机器人地址 JIESU_WEBHOOK_URL")
        secret = settings.JIESU_WEBHOOK_SECRET
        if secret:
            timestamp = str(int(time.time() * 1000))
            sign = _hmac(secret, f"{timestamp}\n{secret}")
            url += ("&" if "?" in url else "?") + urllib.parse.urlencode({"timestamp": timestamp, "sign": sign})
        content = f"{message.title}\n{message.body}"
        if message.names:
            content += "\n" + " ".join(f"@{name}" for name in message.names)
        answer = _post_json(url, {"msgtype": "text", "text": {"content": content}})
        if "errcode" not in answer:  # a proxy's page or an empty body: no proof the group got it
            raise DeliveryFailed("工作群机器人未返回 errcode 应答")
        if answer["errcode"] != 0:
            raise DeliveryFailed(f"errcode {answer.get('errcode')}: {answer.get('errmsg', '')}")


CHANNELS: dict[str, Channel] = {
    channel.code: channel
    for channel in (InboxChannel(), LogChannel(), EmailChannel(), SmsChannel(), WebhookChannel())
}


def enabled_channels() -> frozenset[str]:
    """The channels this deployment has switched on; a ladder step asking for another one is
    simply not sent on it (and says so nowhere, because nothing was promised)."""
    return frozenset(settings.JIESU_NOTIFICATION_CHANNELS) & CHANNELS.keys()
