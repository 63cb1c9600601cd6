"""POST /api/v1/orders/{number}/attachments: multipart `file`, checked by type and size."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jiesu.api.models import IdempotencyRecord
from jiesu.orders.models import Attachment
from jiesu.orders.tests.factories import register


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def upload(api, number, name="receipt.jpg", content=b"\xff\xd8\xff\xe0 receipt", **extra):
    return api.client.post(
        f"/api/v1/orders/{number}/attachments",
        {"file": SimpleUploadedFile(name, content, content_type="image/jpeg")},
        secure=True, **extra,
    )


def test_an_upload_is_kept_and_listed_on_the_order(org, api_as):
    order = register(org.operator)
    api = api_as("operator")

    response = upload(api, order.number)

    assert response.status_code == 201
    assert response.json() == {"id": Attachment.objects.get().pk, "name": "receipt.jpg",
                               "content_type": "image/jpeg", "size": 12}
    assert api.get(f"/orders/{order.number}").json()["attachments"][0]["name"] == "receipt.jpg"


def test_a_type_outside_the_list_is_400(org, api_as):
    order = register(org.operator)

    response = upload(api_as("operator"), order.number, name="payload.exe")

    assert response.status_code == 400
    assert response.json()["error"] == "validation_error"
    assert response.json()["fields"] == {"attachments": ["不支持的文件类型"]}
    assert not Attachment.objects.exists()


def test_a_file_over_the_limit_is_413(org, api_as, settings):
    settings.JIESU_ATTACHMENT_MAX_BYTES = 10
    order = register(org.operator)

    response = upload(api_as("operator"), order.number, headers={"Idempotency-Key": "up-1"})

    assert response.status_code == 413
    assert response.json()["error"] == "too_large"
    assert not Attachment.objects.exists()
    assert not IdempotencyRecord.objects.exists()


def test_a_missing_file_is_422(org, api_as):
    order = register(org.operator)
    api = api_as("operator")

    response = api.client.post(f"/api/v1/orders/{order.number}/attachments", {}, secure=True)

    assert response.status_code == 422
    assert response.json()["fields"] == {"file": ["必填"]}


def test_a_retried_upload_is_stored_once(org, api_as):
    order = register(org.operator)
    api = api_as("operator")

    first = upload(api, order.number, headers={"Idempotency-Key": "up-2"})
    again = upload(api, order.number, headers={"Idempotency-Key": "up-2"})
    other = upload(api, order.number, content=b"another file", headers={"Idempotency-Key": "up-2"})

    assert (first.status_code, again.status_code, other.status_code) == (201, 200, 409)
    assert Attachment.objects.count() == 1


def test_an_order_outside_the_scope_takes_no_upload(org, api_as):
    order = register(org.operator)

    assert upload(api_as("handler_b1"), order.number).status_code == 404
