"""The contract is published: /api/v1/openapi.json documents one endpoint per action."""

from jiesu.orders.choices import Action
from jiesu.orders.workflow.transitions import TRANSITIONS


def test_openapi_lists_every_endpoint_and_each_action_body(db, anonymous):
    response = anonymous.get("/openapi.json")

    assert response.status_code == 200
    schema = response.json()
    paths = schema["paths"]
    assert {"/api/v1/departments", "/api/v1/orders", "/api/v1/orders/{number}",
            "/api/v1/orders/{number}/available-actions", "/api/v1/orders/{number}/attachments"} <= set(paths)
    for action in TRANSITIONS:
        if action == Action.REGISTER:
            continue
        operation = paths[f"/api/v1/orders/{{number}}/actions/{action}"]["post"]
        assert "requestBody" in operation, action
        assert {"200", "409"} <= set(operation["responses"]), action
    assert {"BearerToken", "StaffSession"} <= set(schema["components"]["securitySchemes"])
    assert not any("{path}" in p or "{rest}" in p for p in paths)


def test_the_interactive_docs_are_served(db, anonymous):
    response = anonymous.get("/docs")

    assert response.status_code == 200
    assert b"openapi.json" in response.content
